package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadCursorsTests {

    @Test
    void aMessageIsReadWhenAMemberOtherThanItsSenderReachedIt() {
        // user 7 has read up to 9, user 3 up to 4
        ReadCursors cursors = new ReadCursors(12, 7, 9, 3, 4);
        assertThat(cursors.readByOtherThan(3L, 9)).as("3's message, read by 7").isTrue();
        assertThat(cursors.readByOtherThan(3L, 10)).as("beyond 7's cursor").isFalse();
        assertThat(cursors.readByOtherThan(7L, 4))
                .as("7's own cursor does not count: 3 read it")
                .isTrue();
        assertThat(cursors.readByOtherThan(7L, 5))
                .as("only 7 itself got this far")
                .isFalse();
        assertThat(cursors.readByOtherThan(null, 9))
                .as("a system message, read by anyone")
                .isTrue();
    }

    @Test
    void aConversationWithOneReaderHasNothingReadByOthersOfIt() {
        ReadCursors cursors = new ReadCursors(5, 7, 5, -1, 0);
        assertThat(cursors.readByOtherThan(7L, 1)).isFalse();
        assertThat(cursors.readByOtherThan(8L, 5)).isTrue();
    }
}

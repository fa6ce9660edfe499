package dev.parley.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.conversations.MembershipChange;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import org.junit.jupiter.api.Test;

class MessageTypeTests {

    @Test
    void namesAreClassifiedByWhoMayPostThem() {
        assertThat(MessageType.parse(null)).isEqualTo(MessageType.TEXT);
        assertThat(MessageType.parse("text")).isEqualTo(MessageType.TEXT);
        assertThat(MessageType.parse("payment")).isEqualTo(new MessageType.Named("payment"));
        assertThat(MessageType.parse("member_added"))
                .isEqualTo(new MessageType.GroupChange(MembershipChange.MEMBER_ADDED));
    }

    @Test
    void everyGroupChangeIsReservedAndNothingElse() {
        for (MembershipChange change : MembershipChange.values()) {
            assertThat(MessageType.isReserved(change.wireName()))
                    .as(change.wireName())
                    .isTrue();
            assertThat(MessageType.parse(change.wireName()).wireName()).isEqualTo(change.wireName());
        }
        assertThat(MessageType.isReserved("text")).isFalse();
        assertThat(MessageType.isReserved("payment")).isFalse();
    }

    @Test
    void aMalformedNameIsAnInvalidRequest() {
        for (String bad : new String[] {"", "Payment", "1st", "a-b", "x".repeat(33), "bad\u0000"}) {
            ParleyException refused = catchThrowableOfType(ParleyException.class, () -> MessageType.parse(bad));
            assertThat(refused).as(bad).isNotNull();
            assertThat(refused.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
        }
        assertThat(MessageType.parse("x".repeat(32)).wireName()).hasSize(32);
    }
}

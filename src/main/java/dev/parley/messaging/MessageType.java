package dev.parley.messaging;

import dev.parley.conversations.MembershipChange;
import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A message's {@code type} (SPEC "Messages"), by who may post it: {@code text}, what users write; a group change,
 * which only Parley posts ({@link MembershipChange}: {@code member_added} …); any other name, a service's event
 * (seed 003's {@code payment}) or a type {@code parley.messages.user-types} lets users send too. The reserved types
 * are the group changes' names, derived from {@link MembershipChange}.
 */
public sealed interface MessageType {

    /** What users write. */
    Text TEXT = new Text();

    /** The name on the wire: 1 to 32 of a-z, 0-9 and _, starting with a letter. */
    String wireName();

    /** {@code text}. */
    record Text() implements MessageType {
        @Override
        public String wireName() {
            return "text";
        }
    }

    /** A change to a group's membership or title, recorded by Parley itself. */
    record GroupChange(MembershipChange change) implements MessageType {
        @Override
        public String wireName() {
            return change.wireName();
        }
    }

    /** Any other type: a service's event, or one users may send when configured. */
    record Named(String wireName) implements MessageType {}

    /**
     * The type named {@code wireName}; {@link #TEXT} for null.
     *
     * @throws ParleyException {@code invalid_request} (400) for a name that is not 1 to 32 of a-z, 0-9 and _,
     *     starting with a letter
     */
    static MessageType parse(String wireName) {
        if (wireName == null || wireName.equals(TEXT.wireName())) {
            return TEXT;
        }
        if (!Names.TYPE.matcher(wireName).matches()) {
            throw new ParleyException(
                    ErrorCode.INVALID_REQUEST, "type: 1-32 of a-z, 0-9 and _, starting with a letter");
        }
        GroupChange change = Names.GROUP_CHANGES.get(wireName);
        return change != null ? change : new Named(wireName);
    }

    /** Whether {@code wireName} is one of Parley's own types (a group change), which only Parley posts. */
    static boolean isReserved(String wireName) {
        return Names.GROUP_CHANGES.containsKey(wireName);
    }

    /** What {@link #parse} needs, built once. */
    final class Names {
        private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
        private static final Map<String, GroupChange> GROUP_CHANGES = Arrays.stream(MembershipChange.values())
                .map(GroupChange::new)
                .collect(Collectors.toUnmodifiableMap(GroupChange::wireName, Function.identity()));

        private Names() {}
    }
}

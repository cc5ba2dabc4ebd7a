package io.acrlifecycle.engine.purge.undo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undo of referrers the registry deleted with their subject (journal op {@code cascade}): each comes back after its
 * subject, a signature of an SBOM after the SBOM, whatever order the journal lists them in. Written as the journal's
 * JSON lines (docs/purge.md "Journal"), so the wire format is what is tested.
 */
class CascadeUndoOrderTest {

    static String d(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    static String intent(String op, char digest, String subject, String via, String tags) {
        return "{\"type\":\"intent\",\"run\":\"r\",\"at\":\"2026-12-03T00:00:00Z\",\"id\":\"manifest:app@" + d(digest)
                + "\",\"op\":\"" + op + "\",\"registry\":\"reg\",\"repository\":\"app\",\"digest\":\"" + d(digest)
                + "\",\"tags\":" + tags + (subject == null ? "" : ",\"subject\":\"" + subject + "\"")
                + (via == null ? "" : ",\"via\":\"" + via + "\"") + "}";
    }

    static String outcome(String op, char digest, String outcome) {
        return "{\"type\":\"outcome\",\"run\":\"r\",\"at\":\"2026-12-03T00:00:01Z\",\"id\":\"manifest:app@" + d(digest)
                + "\",\"op\":\"" + op + "\",\"repository\":\"app\",\"digest\":\"" + d(digest) + "\",\"outcome\":\""
                + outcome + "\"}";
    }

    @Test
    void shouldRestoreEachReferrerAfterItsSubjectReferrersOfReferrersToo(@TempDir Path dir) throws Exception {
        // img (a) with a signature (1), an SBOM (5) and the SBOM's signature (0); digests sort against that order
        String via = "manifest:app@" + d('a');
        Path j = dir.resolve("j.jsonl");
        Files.write(j, List.of(
                intent("cascade", '0', d('5'), via, "[]"),
                intent("cascade", '1', d('a'), via, "[]"),
                intent("cascade", '5', d('a'), via, "[\"sbom-tag\"]"),
                intent("delete", 'a', null, null, "[\"build-1\"]"),
                outcome("delete", 'a', "DELETED"),
                outcome("cascade", '0', "DELETED"),
                outcome("cascade", '1', "DELETED"),
                outcome("cascade", '5', "DELETED"),
                // a subject whose DELETE was refused (405): its referrers were never removed either
                intent("cascade", '2', d('b'), "manifest:app@" + d('b'), "[]"),
                intent("delete", 'b', null, null, "[]"),
                outcome("delete", 'b', "LOCKED"),
                outcome("cascade", '2', "LOCKED")));

        List<UndoTarget> targets = PurgeUndo.targets(j);

        List<String> order = targets.stream().map(UndoTarget::digest).toList();
        assertThat(order).containsExactlyInAnyOrder(d('a'), d('1'), d('5'), d('0'));
        assertThat(order.indexOf(d('a'))).isLessThan(order.indexOf(d('1'))).isLessThan(order.indexOf(d('5')));
        assertThat(order.indexOf(d('5'))).isLessThan(order.indexOf(d('0')));
        UndoTarget sbom = targets.get(order.indexOf(d('5')));
        assertThat(sbom.manifestDeleted()).isTrue();
        assertThat(sbom.subjectDigest()).isEqualTo(d('a'));
        assertThat(sbom.tags()).containsExactly("sbom-tag");
    }
}

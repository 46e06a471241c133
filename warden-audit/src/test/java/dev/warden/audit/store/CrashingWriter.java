package dev.warden.audit.store;

import dev.warden.audit.AuditConfig;
import dev.warden.audit.AuditHome;
import dev.warden.audit.AuditLog;
import dev.warden.core.event.EventBody;
import dev.warden.core.event.SessionRecorder;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run as a separate JVM by {@link KillTest}: writes one endless session in random bursts, and after each
 * flush prints how many of the session's events are acknowledged (durable). It never stops by itself.
 */
public final class CrashingWriter {
    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        AuditConfig config = AuditConfig.defaults(home)
                .withTuning(AuditConfig.Tuning.DEFAULT.withCheckpointRecords(50)); // many checkpoints to land in
        AuditLog log = AuditLog.open(config, System.err::println);
        SessionRecorder session = log.startSession("crash-test", AuditHome.start("crashing-writer"));
        System.out.println("session " + session.sessionId());
        long emitted = 1;
        while (true) {
            int burst = 1 + random.nextInt(200);
            for (int i = 0; i < burst; i++) {
                session.emit(new EventBody.ConfigWarning("event " + (++emitted) + " " + "x".repeat(random.nextInt(300))));
            }
            if (random.nextInt(4) > 0) { // sometimes the next burst goes out before anyone waits
                log.flush();
                System.out.println("acked " + emitted);
                System.out.flush();
            }
        }
    }
}

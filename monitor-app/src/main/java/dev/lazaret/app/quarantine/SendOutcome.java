package dev.lazaret.app.quarantine;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Remembers the first failed asynchronous send, so a command checks after {@code flush()} that every record was
 * written before it says so (a send's failure otherwise lands only in its ignored future).
 */
final class SendOutcome implements Callback {
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
    }

    /** The first failure's message after {@code flush()}, or null when every send so far succeeded. */
    String failure() {
        Exception e = failure.get();
        return e == null ? null : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}

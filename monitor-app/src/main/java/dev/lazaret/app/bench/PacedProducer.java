package dev.lazaret.app.bench;

import dev.lazaret.app.demo.SyntheticModel;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends events at a steady rate with event time = send time, for the latency part of a phase. */
final class PacedProducer {
    /** Told of every event sent. */
    interface Listener {
        void sent(String model, long sentAtMs);
    }

    private static final long TICK_MS = 10;

    private PacedProducer() {}

    static void run(
            BenchWorkload workload, String bootstrap, String topic, int perSecond, int seconds, Listener listener)
            throws InterruptedException {
        Random random = new Random(5);
        long end = System.currentTimeMillis() + seconds * 1000L;
        double owed = 0;
        long i = 0;
        try (KafkaProducer<String, byte[]> producer = BenchWorkload.producer(bootstrap)) {
            while (System.currentTimeMillis() < end) {
                long tick = System.currentTimeMillis();
                owed += perSecond * TICK_MS / 1000.0;
                for (; owed >= 1; owed--) {
                    SyntheticModel model = workload.models().get((int) (i % BenchWorkload.MODELS));
                    long now = System.currentTimeMillis();
                    byte[] value = workload.event(model, random, "p-" + i++, now);
                    producer.send(new ProducerRecord<>(topic, null, now, model.name(), value));
                    listener.sent(model.name(), now);
                }
                producer.flush();
                long sleep = TICK_MS - (System.currentTimeMillis() - tick);
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
        }
    }
}

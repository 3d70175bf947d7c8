package dev.lazaret.core.quarantine;

import dev.lazaret.core.topics.TopicNames;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of bad inputs, one per kind, on every input topic: the bytes to send and the dead-letter reason and
 * detail expected. Run on TopologyTestDriver ({@link BadInputTopologyTest}) and on a real broker ({@code BadInputIT}).
 */
final class BadInputKinds {
    private static final TopicNames TOPICS = new TopicNames("lazaret.");
    private static final String RECORD = "{'batch_id':'b1','dataset':'fraud','seq':0,'features':{'x':1.0}}";
    private static final String MANIFEST = "{'batch_id':'b1','dataset':'fraud','source':'bank-a','record_count':1,"
            + "'content_sha256':'" + "a".repeat(64) + "','created_at':'CREATED','key_id':'k','signature':'c2ln'}";
    private static final String DECISION = "{'batch_id':'b1','decision':'RELEASE','operator':'ann','reason':'ok',"
            + "'key_id':'ann-2026','signature':'c2ln'}";
    private static final String EVENT = "{'event_id':'e1','model':'m','model_version':'1','timestamp':TS,"
            + "'features':{'x':1.0},'prediction':1,'score':0.5}";
    private static final String FEEDBACK = "{'event_id':'e1','model':'m','label':1,'timestamp':TS}";

    private BadInputKinds() {}

    /** One kind of bad input: where it goes, with what key and bytes, and the reason and detail expected. */
    record Kind(String name, String topic, String key, byte[] value, String reason, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> all() {
        String longName = "n".repeat(257);
        String hugeId = "h".repeat(480 * 1024);
        List<Kind> k = new ArrayList<>();
        String rec = TOPICS.trainingRecords();
        k.add(new Kind("record: empty value", rec, "b1", new byte[0], "MALFORMED_JSON", "empty"));
        k.add(kind("record: not JSON", rec, "b1", "{not json", "MALFORMED_JSON", "not valid JSON"));
        k.add(kind("record: an array", rec, "b1", "[1,2]", "NOT_AN_OBJECT", "JSON object"));
        k.add(kind("record: trailing tokens", rec, "b1", RECORD + " {}", "MALFORMED_JSON", "not valid JSON"));
        k.add(new Kind(
                "record: UTF-8 BOM",
                rec,
                "b1",
                concat(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        j(RECORD).getBytes(StandardCharsets.UTF_8)),
                "MALFORMED_JSON",
                "byte-order mark"));
        k.add(new Kind(
                "record: UTF-16LE",
                rec,
                "b1",
                j(RECORD).getBytes(StandardCharsets.UTF_16LE),
                "MALFORMED_JSON",
                "not UTF-8"));
        k.add(new Kind(
                "record: UTF-16 with BOM",
                rec,
                "b1",
                j(RECORD).getBytes(StandardCharsets.UTF_16),
                "MALFORMED_JSON",
                "UTF-8"));
        k.add(new Kind(
                "record: UTF-32",
                rec,
                "b1",
                j(RECORD).getBytes(Charset.forName("UTF-32")),
                "MALFORMED_JSON",
                "not UTF-8"));
        k.add(new Kind(
                "record: invalid UTF-8 byte",
                rec,
                "b1",
                j(RECORD).replace("fraud", "fr\u00ffud").getBytes(StandardCharsets.ISO_8859_1),
                "MALFORMED_JSON",
                "not valid UTF-8"));
        k.add(kind(
                "record: raw NUL inside a string",
                rec,
                "b1",
                RECORD.replace("fraud", "fr\u0000ud"),
                "MALFORMED_JSON",
                "not valid JSON"));
        k.add(kind(
                "record: duplicate key",
                rec,
                "b1",
                RECORD.replace("{'batch_id':'b1',", "{'batch_id':'b1','batch_id':'b1',"),
                "MALFORMED_JSON",
                "Duplicate field 'batch_id'"));
        k.add(kind("record: missing seq", rec, "b1", RECORD.replace("'seq':0,", ""), "MISSING_FIELD", "'seq'"));
        k.add(kind("record: seq a string", rec, "b1", RECORD.replace("'seq':0", "'seq':'0'"), "WRONG_TYPE", "'seq'"));
        k.add(kind("record: negative seq", rec, "b1", RECORD.replace("'seq':0", "'seq':-1"), "INVALID_VALUE", "'seq'"));
        k.add(kind(
                "record: features an array",
                rec,
                "b1",
                RECORD.replace("{'x':1.0}", "[1]"),
                "WRONG_TYPE",
                "'features'"));
        k.add(kind(
                "record: nested feature",
                rec,
                "b1",
                RECORD.replace("{'x':1.0}", "{'x':{'y':1}}"),
                "WRONG_TYPE",
                "'features.x'"));
        k.add(kind(
                "record: ~480 KB batch_id",
                rec,
                hugeId,
                RECORD.replace("'b1'", "'" + hugeId + "'"),
                "INVALID_VALUE",
                "'batch_id' is 491520 characters long; the limit is 256"));
        k.add(kind(
                "record: NUL in batch_id",
                rec,
                "b\u0000",
                RECORD.replace("'b1'", "'b\\u0000'"),
                "INVALID_VALUE",
                "control characters"));
        k.add(kind(
                "record: blank dataset",
                rec,
                "b1",
                RECORD.replace("'fraud'", "' '"),
                "INVALID_VALUE",
                "'dataset' must not be blank"));
        k.add(kind(
                "record: long feature name",
                rec,
                "b1",
                RECORD.replace("'x'", "'" + longName + "'"),
                "INVALID_VALUE",
                "the limit is 256"));
        k.add(kind(
                "record: long category value",
                rec,
                "b1",
                RECORD.replace("1.0}", "'" + "c".repeat(4097) + "'}"),
                "INVALID_VALUE",
                "the limit is 4096"));
        k.add(kind("record: key differs", rec, "b2", RECORD, "KEY_MISMATCH", "differs"));
        k.add(kind("record: no key", rec, null, RECORD, "KEY_MISMATCH", "missing"));
        k.add(kind(
                "record: over input.max.record.bytes",
                rec,
                "b1",
                RECORD.replace("'x':1.0", "'x':1.0,'pad':'" + "p".repeat(1_000_000) + "'"),
                "OVERSIZED",
                "1000000"));

        String man = TOPICS.trainingManifests();
        k.add(kind(
                "manifest: created_at not RFC 3339",
                man,
                "b1",
                MANIFEST.replace("CREATED", "12/02/2026 10:00"),
                "INVALID_VALUE",
                "'created_at' is not an RFC 3339 timestamp"));
        k.add(kind(
                "manifest: created_at year 1000000000",
                man,
                "b1",
                MANIFEST.replace("CREATED", "+1000000000-12-31T23:59:59Z"),
                "INVALID_VALUE",
                "'created_at'"));
        k.add(kind(
                "manifest: created_at 30 February",
                man,
                "b1",
                MANIFEST.replace("CREATED", "2026-02-30T10:00:00Z"),
                "INVALID_VALUE",
                "'created_at' is not a valid date"));
        k.add(kind(
                "manifest: upper-case hash",
                man,
                "b1",
                MANIFEST.replace("aaaa", "AAAA").replace("CREATED", "2026-01-01T00:00:00Z"),
                "INVALID_VALUE",
                "'content_sha256'"));
        k.add(kind(
                "manifest: record_count a fraction",
                man,
                "b1",
                MANIFEST.replace("'record_count':1", "'record_count':1.5").replace("CREATED", "2026-01-01T00:00:00Z"),
                "WRONG_TYPE",
                "'record_count'"));
        k.add(kind(
                "manifest: long key_id",
                man,
                "b1",
                MANIFEST.replace("'key_id':'k'", "'key_id':'" + longName + "'")
                        .replace("CREATED", "2026-01-01T00:00:00Z"),
                "INVALID_VALUE",
                "'key_id' is 257 characters long"));
        k.add(kind(
                "manifest: duplicate dataset",
                man,
                "b1",
                MANIFEST.replace("'dataset':'fraud',", "'dataset':'fraud','dataset':'other',")
                        .replace("CREATED", "2026-01-01T00:00:00Z"),
                "MALFORMED_JSON",
                "Duplicate field 'dataset'"));

        String dec = TOPICS.trainingDecisions();
        k.add(kind(
                "decision: lower-case release",
                dec,
                "b1",
                DECISION.replace("RELEASE", "release"),
                "INVALID_VALUE",
                "'decision' must be RELEASE or REJECT"));
        k.add(kind(
                "decision: duplicate decision",
                dec,
                "b1",
                DECISION.replace("'decision':'RELEASE'", "'decision':'REJECT','decision':'RELEASE'"),
                "MALFORMED_JSON",
                "Duplicate field 'decision'"));
        k.add(kind(
                "decision: no operator",
                dec,
                "b1",
                DECISION.replace("'operator':'ann',", ""),
                "MISSING_FIELD",
                "'operator'"));
        k.add(kind(
                "decision: decision a number",
                dec,
                "b1",
                DECISION.replace("'RELEASE'", "1"),
                "WRONG_TYPE",
                "'decision'"));
        k.add(kind(
                "decision: unsigned",
                dec,
                "b1",
                DECISION.replace(",'key_id':'ann-2026','signature':'c2ln'", ""),
                "MISSING_FIELD",
                "'key_id'"));
        k.add(kind(
                "decision: no signature",
                dec,
                "b1",
                DECISION.replace(",'signature':'c2ln'", ""),
                "MISSING_FIELD",
                "'signature'"));
        k.add(kind(
                "decision: reason too long",
                dec,
                "b1",
                DECISION.replace("'ok'", "'" + "r".repeat(4097) + "'"),
                "INVALID_VALUE",
                "'reason'"));

        String ev = TOPICS.inferenceEvents();
        k.add(kind(
                "event: timestamp year 1000000000",
                ev,
                "m",
                EVENT.replace("TS", "'+1000000000-12-31T23:59:59Z'"),
                "INVALID_VALUE",
                "'timestamp'"));
        k.add(kind(
                "event: timestamp Long.MAX",
                ev,
                "m",
                EVENT.replace("TS", Long.toString(Long.MAX_VALUE)),
                "INVALID_VALUE",
                "'timestamp' is out of range"));
        k.add(kind(
                "event: negative timestamp",
                ev,
                "m",
                EVENT.replace("TS", "-1"),
                "INVALID_VALUE",
                "'timestamp' is out of range"));
        k.add(kind("event: timestamp a fraction", ev, "m", EVENT.replace("TS", "1.7e12"), "WRONG_TYPE", "'timestamp'"));
        k.add(kind(
                "event: timestamp without zone",
                ev,
                "m",
                EVENT.replace("TS", "'2026-01-01 00:00:00'"),
                "INVALID_VALUE",
                "RFC 3339"));
        k.add(kind(
                "event: score a string",
                ev,
                "m",
                EVENT.replace("TS", "1").replace("'score':0.5", "'score':'high'"),
                "WRONG_TYPE",
                "'score'"));
        k.add(kind(
                "event: long model_version",
                ev,
                "m",
                EVENT.replace("TS", "1").replace("'model_version':'1'", "'model_version':'" + longName + "'"),
                "INVALID_VALUE",
                "'model_version'"));

        String withVector = EVENT.replace("TS", "1");
        k.add(kind(
                "event: vector with a string element",
                ev,
                "m",
                withVector.replace("{'x':1.0}", "{'x':1.0,'emb':[0.5,'a']}"),
                "WRONG_TYPE",
                "field 'features.emb[1]' must be a number"));
        k.add(kind(
                "event: vector element overflows a double",
                ev,
                "m",
                withVector.replace("{'x':1.0}", "{'x':1.0,'emb':[0.5,1e400]}"),
                "INVALID_VALUE",
                "field 'features.emb[1]' must be a finite number"));
        k.add(kind(
                "event: empty vector",
                ev,
                "m",
                withVector.replace("{'x':1.0}", "{'x':1.0,'emb':[]}"),
                "INVALID_VALUE",
                "field 'features.emb' is an empty array"));
        k.add(kind(
                "event: vector over the dimension limit",
                ev,
                "m",
                withVector.replace("{'x':1.0}", "{'x':1.0,'emb':[" + "0,".repeat(4_096) + "0]}"),
                "INVALID_VALUE",
                "field 'features.emb' has 4097 elements; the limit is 4096"));
        k.add(kind(
                "record: vector with a string element",
                TOPICS.trainingRecords(),
                "b1",
                RECORD.replace("{'x':1.0}", "{'x':[1.0,'a']}"),
                "WRONG_TYPE",
                "field 'features.x[1]' must be a number"));
        k.add(kind(
                "record: vector element overflows a double",
                TOPICS.trainingRecords(),
                "b1",
                RECORD.replace("{'x':1.0}", "{'x':[1.0,1e400]}"),
                "INVALID_VALUE",
                "field 'features.x[1]' must be a finite number"));

        String fb = TOPICS.inferenceFeedback();
        k.add(kind(
                "feedback: timestamp Instant.MAX",
                fb,
                "m",
                FEEDBACK.replace("TS", "'" + java.time.Instant.MAX + "'"),
                "INVALID_VALUE",
                "'timestamp'"));
        k.add(kind(
                "feedback: timestamp beyond a long",
                fb,
                "m",
                FEEDBACK.replace("TS", "99999999999999999999"),
                "INVALID_VALUE",
                "'timestamp' is out of range"));
        k.add(kind(
                "feedback: label an object",
                fb,
                "m",
                FEEDBACK.replace("TS", "1").replace("'label':1", "'label':{}"),
                "WRONG_TYPE",
                "'label'"));
        k.add(kind(
                "feedback: no event_id",
                fb,
                "m",
                FEEDBACK.replace("TS", "1").replace("'event_id':'e1',", ""),
                "MISSING_FIELD",
                "'event_id'"));
        k.add(kind(
                "feedback: key differs from model",
                fb,
                "other",
                FEEDBACK.replace("TS", "1"),
                "KEY_MISMATCH",
                "'other'"));
        k.addAll(more());
        return k.stream();
    }

    /** Kinds added for the real-broker suite (BadInputIT); each is also run on TopologyTestDriver. */
    private static List<Kind> more() {
        List<Kind> k = new ArrayList<>();
        String rec = TOPICS.trainingRecords();
        k.add(kind("record: a JSON string", rec, "b1", "'hello'", "NOT_AN_OBJECT", "JSON object"));
        k.add(kind("record: a JSON number", rec, "b1", "42", "NOT_AN_OBJECT", "JSON object"));
        k.add(kind("record: JSON null", rec, "b1", "null", "NOT_AN_OBJECT", "JSON object"));
        k.add(kind(
                "record: missing batch_id",
                rec,
                "b1",
                RECORD.replace("'batch_id':'b1',", ""),
                "MISSING_FIELD",
                "'batch_id'"));
        k.add(kind(
                "record: missing dataset",
                rec,
                "b1",
                RECORD.replace("'dataset':'fraud',", ""),
                "MISSING_FIELD",
                "'dataset'"));
        k.add(kind(
                "record: missing features",
                rec,
                "b1",
                RECORD.replace(",'features':{'x':1.0}", ""),
                "MISSING_FIELD",
                "'features'"));
        k.add(kind("record: seq a fraction", rec, "b1", RECORD.replace("'seq':0", "'seq':1.5"), "WRONG_TYPE", "'seq'"));
        k.add(kind(
                "record: label an object", rec, "b1", RECORD.replace("}}", "},'label':{}}"), "WRONG_TYPE", "'label'"));
        k.add(kind("record: NaN literal", rec, "b1", RECORD.replace("1.0", "NaN"), "MALFORMED_JSON", "not valid JSON"));

        String man = TOPICS.trainingManifests();
        String manifest = MANIFEST.replace("CREATED", "2026-01-01T00:00:00Z");
        k.add(kind("manifest: not JSON", man, "b1", "manifest", "MALFORMED_JSON", "not valid JSON"));
        k.add(kind(
                "manifest: no signature",
                man,
                "b1",
                manifest.replace(",'signature':'c2ln'", ""),
                "MISSING_FIELD",
                "'signature'"));
        k.add(kind(
                "manifest: negative record_count",
                man,
                "b1",
                manifest.replace("'record_count':1", "'record_count':-1"),
                "INVALID_VALUE",
                "'record_count'"));
        k.add(kind(
                "manifest: 63-digit hash",
                man,
                "b1",
                manifest.replace("a".repeat(64), "a".repeat(63)),
                "INVALID_VALUE",
                "'content_sha256'"));
        k.add(kind("manifest: key differs", man, "b2", manifest, "KEY_MISMATCH", "differs"));

        String dec = TOPICS.trainingDecisions();
        k.add(new Kind("decision: empty value", dec, "b1", new byte[0], "MALFORMED_JSON", "empty"));
        k.add(kind("decision: an array", dec, "b1", "['RELEASE']", "NOT_AN_OBJECT", "JSON object"));
        k.add(kind("decision: no key", dec, null, DECISION, "KEY_MISMATCH", "missing"));

        String ev = TOPICS.inferenceEvents();
        String event = EVENT.replace("TS", "1");
        k.add(kind("event: not JSON", ev, "m", "event", "MALFORMED_JSON", "not valid JSON"));
        k.add(kind(
                "event: no features",
                ev,
                "m",
                event.replace("'features':{'x':1.0},", ""),
                "MISSING_FIELD",
                "'features'"));
        k.add(kind(
                "event: features an array", ev, "m", event.replace("{'x':1.0}", "[1.0]"), "WRONG_TYPE", "'features'"));
        k.add(kind("event: no model", ev, "m", event.replace("'model':'m',", ""), "MISSING_FIELD", "'model'"));

        String fb = TOPICS.inferenceFeedback();
        k.add(new Kind("feedback: empty value", fb, "m", new byte[0], "MALFORMED_JSON", "empty"));
        k.add(kind(
                "feedback: timestamp a word",
                fb,
                "m",
                FEEDBACK.replace("TS", "'yesterday'"),
                "INVALID_VALUE",
                "'timestamp'"));
        return k;
    }

    private static Kind kind(String name, String topic, String key, String value, String reason, String detail) {
        return new Kind(name, topic, key, j(value).getBytes(StandardCharsets.UTF_8), reason, detail);
    }

    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

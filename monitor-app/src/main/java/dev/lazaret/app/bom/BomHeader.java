package dev.lazaret.app.bom;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The only parts of a BOM that are not derived from its input: passed in, so that the same verdicts and reference
 * always give the same document apart from these.
 *
 * @param timestamp when the BOM was made (taken once, at the start of the command)
 * @param serialNumber the BOM's serial number, written as {@code urn:uuid:<uuid>}
 * @param toolVersion Lazaret's version, named in {@code metadata.tools}
 */
public record BomHeader(Instant timestamp, UUID serialNumber, String toolVersion) {
    public BomHeader {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(toolVersion, "toolVersion");
    }
}

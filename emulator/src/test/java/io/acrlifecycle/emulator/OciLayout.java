package io.acrlifecycle.emulator;

import io.acrlifecycle.emulator.base.Json;
import io.acrlifecycle.emulator.service.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes a one-layer OCI image layout (what `skopeo copy oci:DIR:TAG` reads) without docker. */
final class OciLayout {
    private OciLayout() {
    }

    /** Returns the manifest digest. */
    static String write(Path dir, String tag, String fileContent) throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        byte[] tar = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        byte[] layer = gz.toByteArray();
        var cfg = Json.object().put("architecture", "amd64").put("os", "linux");
        cfg.putObject("config").putArray("Cmd").add("/hello.txt");
        cfg.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(Digests.sha256(tar));
        byte[] config = Json.write(cfg).getBytes(StandardCharsets.UTF_8);
        var m = Json.object().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", Digests.sha256(config))
                .put("size", config.length);
        m.putArray("layers").addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
                .put("digest", Digests.sha256(layer)).put("size", layer.length);
        byte[] manifest = Json.write(m).getBytes(StandardCharsets.UTF_8);
        for (byte[] b : new byte[][] {layer, config, manifest}) {
            Files.write(blobs.resolve(Digests.sha256(b).substring(7)), b);
        }
        var index = Json.object().put("schemaVersion", 2);
        index.putArray("manifests").addObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", Digests.sha256(manifest)).put("size", manifest.length)
                .putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        Files.writeString(dir.resolve("index.json"), Json.write(index));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return Digests.sha256(manifest);
    }

    /** A ustar archive with one regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644\0");
        put(header, 108, "0000000\0");
        put(header, 116, "0000000\0");
        put(header, 124, String.format("%011o\0", content.length));
        put(header, 136, String.format("%011o\0", 1_700_000_000L));
        put(header, 148, "        ");
        header[156] = '0';
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }
}

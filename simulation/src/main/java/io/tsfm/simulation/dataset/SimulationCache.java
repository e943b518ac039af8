package io.tsfm.simulation.dataset;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.simulation.sensor.BodySite;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated sessions and read problems on disk, so that repeated training runs skip the simulation. A plain
 * binary file (magic, then sessions with their float samples, then problems); it is written to a temporary
 * name and moved into place, so a crashed run never leaves a half file under the real name.
 */
final class SimulationCache {
    private static final int MAGIC = 0x4d6f5331; // "MoS1"

    private SimulationCache() {}

    record Content(List<Session> sessions, List<ReadProblem> problems) {}

    static void write(Path file, List<Session> sessions, List<ReadProblem> problems) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(sessions.size());
            for (Session s : sessions) {
                out.writeUTF(s.id());
                out.writeUTF(s.subject());
                out.writeUTF(s.label());
                out.writeDouble(s.rateHz());
                out.writeUTF(site(s).name());
                out.writeUTF(s.source());
                out.writeInt(s.length());
                for (float[] row : s.samples()) for (float v : row) out.writeFloat(v);
            }
            out.writeInt(problems.size());
            for (ReadProblem p : problems) {
                out.writeUTF(p.file());
                out.writeLong(p.line());
                out.writeInt(p.column());
                out.writeUTF(p.message());
                out.writeLong(p.count());
                out.writeBoolean(p.fatal());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Content read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) throw new IOException(file + ": not a mocap_sim cache file");
            int n = in.readInt();
            List<Session> sessions = new ArrayList<>(n);
            Map<BodySite, List<io.tsfm.core.data.Channel>> channels = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF(), subject = in.readUTF(), label = in.readUTF();
                double rate = in.readDouble();
                BodySite site = BodySite.valueOf(in.readUTF());
                String source = in.readUTF();
                int len = in.readInt();
                float[][] x = new float[6][len];
                for (float[] row : x) for (int t = 0; t < len; t++) row[t] = in.readFloat();
                sessions.add(new Session(id, MocapSimReader.NAME, subject, label, rate,
                        channels.computeIfAbsent(site, MocapSimReader::channels), x, source));
            }
            int m = in.readInt();
            List<ReadProblem> problems = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                problems.add(new ReadProblem(in.readUTF(), in.readLong(), in.readInt(), in.readUTF(), in.readLong(), in.readBoolean()));
            }
            return new Content(sessions, problems);
        }
    }

    /** The site of a simulated session, from its channels' position. */
    static BodySite site(Session s) {
        String p = s.channels().get(0).position();
        for (BodySite b : BodySite.values()) if (b.position().equals(p)) return b;
        throw new IllegalArgumentException("session " + s.id() + " has no simulated body site: " + p);
    }
}

package io.tsfm.lab.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.CoreChannels;
import io.tsfm.training.run.CheckpointProvenance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recordings a demo replays: only sessions the model never trained on. By default the first zero-shot test set
 * found under the data root ({@link #PREFERRED} order); a named training set contributes only the subjects the
 * bundle's training held out (recorded in its provenance). Sessions are cut to a maximum length (so long recordings
 * do not hold one activity for minutes) and shuffled with each activity spread evenly over the order ({@link #spread}),
 * so whatever stretch a short run plays holds the activities in the dataset's own proportions.
 *
 * @param dataset     dataset name
 * @param role        its role
 * @param sessions    the held-out sessions to replay, shuffled and cut
 * @param rateHz      the rate the devices send at: the sessions' own (the most common one if they differ)
 * @param labels      the labels of those sessions, sorted: the demo's closed label set
 * @param heldOut     how the sessions are held out, for the header (e.g. "zero-shot test set")
 */
public record DemoData(String dataset, DatasetRole role, List<Session> sessions, double rateHz, List<String> labels,
                String heldOut) {

    /**
     * Zero-shot test sets in the order the demo looks for them: MotionSense first, the reference's main test set (a
     * phone in the trouser pocket, six everyday activities), then MobiFall (the same placement with falls and car
     * entries, which the model seldom recognises).
     */
    static final List<String> PREFERRED = List.of("motionsense", "mobifall_v2", "basicmotions", "racketsports");

    /** Why there is nothing to replay; the message says where to put data. */
    public static final class NoDataException extends Exception {
        NoDataException(String message) {
            super(message);
        }
    }

    /**
     * The dataset to replay: {@code requested}, or the first zero-shot test set present. Only looks for files.
     *
     * @throws NoDataException when it is not under {@code root}; the message says where to get it and put it
     */
    public static String choose(DataRoot root, String requested) throws IOException, NoDataException {
        DatasetCatalog catalog = DatasetCatalog.load(root);
        String name = requested != null ? requested : firstZeroShot(catalog, root);
        DatasetReader reader = catalog.get(name);
        if (reader.locate(root).isEmpty()) {
            throw new NoDataException("dataset '" + name + "' is not under the data root " + root.path()
                    + " (looked for " + name + ".zip and " + name + "/).\n" + reader.info().downloadHint()
                    + "\nThe data root is --root, else $" + DataRoot.ENV + ".");
        }
        return name;
    }

    /**
     * Reads the held-out sessions of dataset {@code name} (see {@link #choose}).
     *
     * @param bundle         the model; a training set's held-out subjects come from its provenance
     * @param sessionSeconds longest stretch of one session played; 0 plays whole sessions
     * @throws NoDataException when nothing of the dataset is held out of the model's training
     */
    public static DemoData load(DataRoot root, String name, ModelBundle bundle, double sessionSeconds, long seed)
            throws IOException, NoDataException {
        Dataset data = DatasetCatalog.load(root).read(name, root);
        DatasetRole role = data.manifest().role();
        List<Session> sessions = data.sessions();
        String heldOut;
        if (role == DatasetRole.TRAIN) {
            Set<String> subjects = heldOutSubjects(bundle, name);
            if (subjects.isEmpty()) {
                throw new NoDataException("the model " + bundle.directory() + " was trained on every subject of "
                        + name + ", so it has no held-out session to replay; choose a zero-shot test set ("
                        + String.join(", ", PREFERRED) + ")");
            }
            sessions = sessions.stream().filter(s -> subjects.contains(s.subject())).toList();
            heldOut = "subjects " + String.join(", ", new TreeSet<>(subjects)) + " held out of training";
        } else {
            heldOut = role == DatasetRole.ZERO_SHOT ? "zero-shot test set, never trained on" : "user dataset";
        }
        // a test set is played as it is evaluated: its accelerometer and gyroscope channels (spec §1.5)
        sessions = sessions.stream().filter(s -> s.length() > 0).map(CoreChannels::of).toList();
        if (sessions.isEmpty()) {
            throw new NoDataException("dataset '" + name + "' under " + root.path() + " has no held-out session with "
                    + "samples" + (data.problems().isEmpty() ? "" : " (" + data.problems().size()
                    + " read problems; see ./tsfm datasets inspect " + name + ")"));
        }
        double rate = commonRate(sessions);
        List<Session> played = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            played.add(describedInFull(cut(s, sessionSeconds), data.manifest().description(), rate,
                    bundle.patchSeconds()));
        }
        played = spread(played, new Random(seed));
        Set<String> labels = new TreeSet<>();
        played.forEach(s -> labels.add(s.label()));
        return new DemoData(name, role, List.copyOf(played), rate, List.copyOf(labels), heldOut);
    }

    private static String firstZeroShot(DatasetCatalog catalog, DataRoot root) throws NoDataException {
        Set<String> candidates = new LinkedHashSet<>(PREFERRED);
        catalog.readers().stream().filter(r -> r.info().role() == DatasetRole.ZERO_SHOT)
                .forEach(r -> candidates.add(r.name()));
        for (String name : candidates) {
            if (catalog.find(name).isPresent() && root.locate(name).isPresent()) return name;
        }
        StringBuilder b = new StringBuilder("no held-out data found: the demo replays a zero-shot test set, and none is "
                + "under the data root " + root.path().toAbsolutePath() + ".\nPut one of these there (the archive "
                + "as published, or the folder it unpacks to):");
        for (String name : PREFERRED) {
            catalog.find(name).ifPresent(r -> b.append("\n  ").append(name).append(".zip  ")
                    .append(r.info().downloadHint()));
        }
        b.append("\nor point $").append(DataRoot.ENV).append(" (or --root) at the folder that holds them; "
                + "./tsfm datasets list shows what is found where.");
        throw new NoDataException(b.toString());
    }

    /** The subjects of {@code dataset} the bundle's training held out, from its provenance (empty when none). */
    static Set<String> heldOutSubjects(ModelBundle bundle, String dataset) throws IOException {
        String json = bundle.manifest().provenance().get(CheckpointProvenance.HELD_OUT_SUBJECTS);
        if (json == null || json.isBlank()) return Set.of();
        JsonNode subjects = new ObjectMapper().readTree(json).get(dataset);
        Set<String> out = new TreeSet<>();
        if (subjects != null) subjects.forEach(s -> out.add(s.asText()));
        return out;
    }

    /** The first {@code seconds} of a session (the whole session when shorter, or when {@code seconds} is 0). */
    static Session cut(Session s, double seconds) {
        int n = (int) Math.round(seconds * s.rateHz());
        if (seconds <= 0 || n >= s.length()) return s;
        float[][] samples = new float[s.numChannels()][];
        for (int c = 0; c < samples.length; c++) samples[c] = java.util.Arrays.copyOf(s.samples()[c], n);
        return new Session(s.id(), s.dataset(), s.subject(), s.label(), s.rateHz(), s.channels(), samples,
                s.source());
    }

    /**
     * The session with every channel described as the model reads it in training and in the batch paths
     * ({@link ChannelDescriptions#describe(String, String, double, double)}: dataset description, channel
     * description, rate and patch length). The devices announce these texts in their channel layouts and the job
     * passes layout texts to the model as they are; with the bare channel description the streaming path would
     * read different text than the model was trained on.
     */
    static Session describedInFull(Session s, String datasetDescription, double rateHz, double patchSeconds) {
        List<Channel> channels = new ArrayList<>(s.numChannels());
        for (Channel c : s.channels()) {
            channels.add(new Channel(c.name(), c.kind(), c.axis(), c.unit(), c.position(),
                    ChannelDescriptions.describe(datasetDescription, c.description(), rateHz, patchSeconds)));
        }
        return new Session(s.id(), s.dataset(), s.subject(), s.label(), s.rateHz(), channels, s.samples(), s.source());
    }

    /**
     * A shuffle that spreads each label evenly over the order: a label's sessions, in random order, take jittered
     * positions {@code (j + u) / m} for {@code j < m}, and the order sorts by position. Every stretch of the result
     * then holds each label in about its share of the whole; a plain shuffle can give a short demo a run of one
     * activity, and the fleet's devices start at different points of the order.
     */
    static List<Session> spread(List<Session> sessions, Random random) {
        Map<String, List<Session>> byLabel = new TreeMap<>();
        sessions.forEach(s -> byLabel.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s));
        List<Map.Entry<Double, Session>> placed = new ArrayList<>(sessions.size());
        for (List<Session> group : byLabel.values()) {
            Collections.shuffle(group, random);
            for (int j = 0; j < group.size(); j++) {
                placed.add(Map.entry((j + random.nextDouble()) / group.size(), group.get(j)));
            }
        }
        placed.sort(Map.Entry.comparingByKey());
        return placed.stream().map(Map.Entry::getValue).toList();
    }

    private static double commonRate(List<Session> sessions) {
        Map<Double, Integer> counts = new HashMap<>();
        sessions.forEach(s -> counts.merge(s.rateHz(), 1, Integer::sum));
        return Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
    }
}

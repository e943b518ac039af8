package io.tsfm.lab.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Flink's REST API the cluster commands and their tests need: the overview, the jobs, a job's
 * state, failures and checkpoints, cancelling a job, and savepoints (to rescale or upgrade it). Thread-safe.
 */
public final class ClusterRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The REST endpoint at {@code http://host:port}. */
    public ClusterRest(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    /** What {@code /overview} says. */
    public record Overview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning, String version) {}

    /** A task manager as {@code /taskmanagers} lists it (its id is the process name, e.g. {@code taskmanager-1}). */
    public record TaskManager(String id, int slots, int freeSlots) {}

    /** A job as {@code /jobs/overview} lists it. */
    public record Job(String id, String name, String state) {}

    /** The cluster overview, or empty if the endpoint does not answer. */
    public Optional<Overview> overview() {
        return get("/overview").map(n -> new Overview(n.path("taskmanagers").asInt(), n.path("slots-total").asInt(),
                n.path("slots-available").asInt(), n.path("jobs-running").asInt(), n.path("flink-version").asText()));
    }

    /** Every job the cluster knows (running and finished), or an empty list if the endpoint does not answer. */
    public List<Job> jobs() {
        List<Job> out = new ArrayList<>();
        get("/jobs/overview").ifPresent(n -> n.path("jobs").forEach(j -> out.add(
                new Job(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText()))));
        return out;
    }

    /** The registered task managers, or an empty list if the endpoint does not answer. */
    public List<TaskManager> taskManagers() {
        List<TaskManager> out = new ArrayList<>();
        get("/taskmanagers").ifPresent(n -> n.path("taskmanagers").forEach(t -> out.add(new TaskManager(
                t.path("id").asText(), t.path("slotsNumber").asInt(), t.path("freeSlots").asInt()))));
        return out;
    }

    /** The job's state ({@code RUNNING}, {@code CANCELED}, ...), or empty if unknown or not answering. */
    public Optional<String> jobState(String jobId) {
        return get("/jobs/" + jobId).map(n -> n.path("state").asText());
    }

    /**
     * The failures the job recovered from or died of, newest first, as {@code exception name: message} (the
     * exception history of {@code /jobs/:id/exceptions}), or an empty list.
     */
    public List<String> failures(String jobId) {
        List<String> out = new ArrayList<>();
        get("/jobs/" + jobId + "/exceptions").ifPresent(n -> n.path("exceptionHistory").path("entries").forEach(e ->
                out.add(e.path("exceptionName").asText() + ": " + e.path("stacktrace").asText().lines().findFirst()
                        .orElse(""))));
        return out;
    }

    /** Completed checkpoints of the job so far, or empty. */
    public Optional<Long> completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").map(n -> n.path("counts").path("completed").asLong());
    }

    /** Cancels the job (its checkpoints stay where the cluster retains them); true if the cluster accepted. */
    public boolean cancel(String jobId) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId
                    + "?mode=cancel")).timeout(Duration.ofSeconds(10))
                    .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Takes a savepoint of a running job into {@code dir} and waits for it: with {@code stop}, Flink's
     * stop-with-savepoint (the sources stop, the last transaction commits, the job ends FINISHED), so a job restored
     * from it, at any parallelism, picks up exactly where this one stopped. Returns the savepoint's location.
     *
     * @throws IOException when the cluster refuses, the savepoint fails (with Flink's reason), or it takes longer
     *                     than {@code timeout}
     */
    public String savepoint(String jobId, java.nio.file.Path dir, boolean stop, Duration timeout)
            throws IOException, InterruptedException {
        var body = JSON.createObjectNode().put("targetDirectory", dir.toAbsolutePath().toUri().toString());
        if (stop) body.put("drain", false);
        else body.put("cancel-job", false);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId
                        + (stop ? "/stop" : "/savepoints"))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("the cluster at " + base + " refused a savepoint of job " + jobId + ": HTTP "
                    + r.statusCode() + " " + JSON.readTree(r.body()).path("errors").path(0).asText(r.body()));
        }
        String trigger = JSON.readTree(r.body()).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> n = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (n.isPresent() && "COMPLETED".equals(n.get().path("status").path("id").asText())) {
                JsonNode op = n.get().path("operation");
                if (op.has("location")) return op.path("location").asText();
                String cause = op.path("failure-cause").path("stack-trace").asText(op.toString());
                throw new IOException("savepoint of job " + jobId + " failed: " + cause.lines().findFirst().orElse(cause));
            }
            Thread.sleep(250);
        }
        throw new IOException("savepoint of job " + jobId + " not complete after " + timeout.toSeconds() + " s");
    }

    /** Whether the endpoint serves Flink's web dashboard (flink-runtime-web on the job manager's class path). */
    public boolean servesDashboard() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("<title>Apache Flink Web Dashboard</title>");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The endpoint's base URL. */
    public String url() {
        return base;
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

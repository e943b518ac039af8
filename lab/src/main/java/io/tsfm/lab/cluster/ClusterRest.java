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
 * state, failures and checkpoints, and cancelling a job. Thread-safe.
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

package io.tsfm.cli.cluster;

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
 * The few calls of Flink's REST API the cluster commands need ({@code /overview}, {@code /jobs/overview}).
 * Thread-safe.
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

package org.transformerguide.playground.api;

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

/**
 * Reads a server-sent event stream over a real HTTP connection to the application on its test port, to
 * the end. Streams are tested this way rather than through MockMvc because their events are written by
 * another thread than the request's, which MockMvc's response object is not made for.
 */
public final class EventStreamClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One event: its name and its data as JSON. */
    public record Event(String name, JsonNode data) {
    }

    /** The answer: status, content type and the events in order. */
    public record Stream(int status, String contentType, List<Event> events) {

        public List<Event> named(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }

        public Event last() {
            return events.get(events.size() - 1);
        }
    }

    private EventStreamClient() {
    }

    /** GETs {@code pathAndQuery} and reads the stream until the server closes it (at most {@code limit}). */
    public static Stream get(int port, String pathAndQuery, Duration limit) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Accept", "text/event-stream").timeout(limit).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Stream(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), parse(response.body()));
    }

    static List<Event> parse(String body) throws IOException {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            if (name != null) {
                events.add(new Event(name, JSON.readTree(data.toString())));
            }
        }
        return events;
    }
}

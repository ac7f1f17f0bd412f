package org.transformerguide.web.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Debian's nginx as an unprivileged process on a free loopback port, serving one folder as it is. */
record Nginx(Process process, int port) {

    static Nginx start(Path site, Path prefix) throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("temp"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String conf = """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    include /etc/nginx/mime.types;
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    keepalive_requests 1000000;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                        location / { try_files $uri $uri.html $uri/index.html =404; }
                    }
                }
                """.formatted(prefix.toAbsolutePath(), port, site.toAbsolutePath());
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder("nginx", "-p", prefix.toAbsolutePath().toString(), "-e", prefix.resolve("error.log").toAbsolutePath().toString(),
                "-c", file.toAbsolutePath().toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Nginx(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("nginx did not start: " + Files.readString(prefix.resolve("stdout.log")));
                }
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IOException("nginx did not open port " + port);
    }

    void stop() throws InterruptedException {
        process.destroy(); // SIGTERM: nginx's master stops its workers
        process.waitFor();
    }
}

package io.playgate.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of one server (e.g. a {@link RedisServer}), so a test can cut one client's
 * connections while the server and its other clients go on: {@link #cut()} closes every open connection and closes
 * new ones at once, {@link #restore()} forwards again. It can also say when a client first sent a given text after
 * the last restore ({@link #sentSince(String)}), e.g. a reader's {@code XREAD} on its fresh connection. Plain
 * threads and blocking sockets; {@link #close()} stops them.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
  private volatile String watched = "";
  private volatile long watchedSeenNanos = -1;

  private TcpProxy(int targetPort) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    Thread accept = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
    accept.setDaemon(true);
    accept.start();
  }

  /**
   * @param targetPort the loopback port to forward to
   * @return a running proxy on a free loopback port
   */
  public static TcpProxy to(int targetPort) throws IOException {
    return new TcpProxy(targetPort);
  }

  /** @return the proxy's own port */
  public int port() {
    return listener.getLocalPort();
  }

  /** Closes every forwarded connection now, and every new one as soon as it is accepted, until {@link #restore()}. */
  public void cut() {
    cut = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  /**
   * Forwards new connections again and starts watching for {@code text} (any case) in what clients send.
   *
   * @param text the text whose first appearance {@link #sentSince(String)} reports
   */
  public void restore(String text) {
    watched = text.toUpperCase(Locale.ROOT);
    watchedSeenNanos = -1;
    cut = false;
  }

  /**
   * @param text the text given to {@link #restore(String)}
   * @return the {@link System#nanoTime()} at which a client first sent it after the last restore, or -1 when none
   *     has yet
   */
  public long sentSince(String text) {
    return text.toUpperCase(Locale.ROOT).equals(watched) ? watchedSeenNanos : -1;
  }

  @Override
  public void close() throws IOException {
    cut();
    listener.close();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        pipe(client, server, true);
        pipe(server, client, false);
      } catch (IOException e) {
        // the listener closed, or the server refused: the client sees its connection closed
      }
    }
  }

  private void pipe(Socket from, Socket to, boolean fromClient) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (fromClient && watchedSeenNanos < 0 && !watched.isEmpty()
              && new String(buf, 0, n, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).contains(watched)) {
            watchedSeenNanos = System.nanoTime();
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // closed by cut() or by either side
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }
}

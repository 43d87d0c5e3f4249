package io.github.larkapprovalbot.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a Redis server that can hold Redis's replies back for a while, as a slow network or a
 * failover does: commands go through (and Redis applies them) at once, their answers arrive late. Deterministic:
 * every reply read while the hold lasts waits for its end.
 */
public final class RedisProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile long holdUntil;

	public RedisProxy(int target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "redis-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Holds every reply Redis sends from now for the given time. */
	public void holdReplies(Duration duration) {
		this.holdUntil = System.nanoTime() + duration.toNanos();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket redis = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.sockets.add(client);
				this.sockets.add(redis);
				pump(client.getInputStream(), redis.getOutputStream(), false);
				pump(redis.getInputStream(), client.getOutputStream(), true);
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(InputStream in, OutputStream out, boolean replies) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try {
				int read;
				while ((read = in.read(buffer)) != -1) {
					long wait = this.holdUntil - System.nanoTime();
					if (replies && wait > 0) {
						Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The other side went away.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "redis-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	@Override
	public void close() {
		try {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

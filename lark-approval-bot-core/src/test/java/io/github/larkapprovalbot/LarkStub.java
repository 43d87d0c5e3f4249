package io.github.larkapprovalbot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A MockWebServer that answers the token endpoint with a new token each time ({@code t-1}, {@code t-2}...), and
 * every other request with the next queued answer, or a success carrying a message id when none is queued. As a
 * {@code @RegisterExtension} field it serves one test and is closed after it.
 */
public final class LarkStub implements AutoCloseable, AfterEachCallback {

	static final String TOKEN_PATH = "/open-apis/auth/v3/tenant_access_token/internal";

	private final MockWebServer server = new MockWebServer();

	private final AtomicInteger tokens = new AtomicInteger();

	private final AtomicInteger messages = new AtomicInteger();

	private final BlockingQueue<MockResponse> answers = new LinkedBlockingQueue<>();

	private final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();

	private final List<Long> apiRequestTimes = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();

	private volatile MockResponse tokenAnswer;

	private volatile long tokenDelayMillis;

	public LarkStub() {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getUrl().encodedPath().equals(TOKEN_PATH)) {
					LarkStub.this.tokenRequests.add(request);
					if (LarkStub.this.tokenAnswer != null) {
						return LarkStub.this.tokenAnswer;
					}
					return json(200, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-"
							+ LarkStub.this.tokens.incrementAndGet() + "\",\"expire\":7200}")
						.headersDelay(LarkStub.this.tokenDelayMillis, TimeUnit.MILLISECONDS)
						.build();
				}
				LarkStub.this.apiRequests.add(request);
				LarkStub.this.apiRequestTimes.add(System.nanoTime());
				MockResponse answer = LarkStub.this.answers.poll();
				return (answer != null) ? answer : ok();
			}
		});
		try {
			this.server.start(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUrl() {
		String url = this.server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	public void enqueue(MockResponse answer) {
		this.answers.add(answer);
	}

	public void answerTokenRequestsWith(MockResponse answer) {
		this.tokenAnswer = answer;
	}

	public void delayTokens(long millis) {
		this.tokenDelayMillis = millis;
	}

	public List<RecordedRequest> apiRequests() {
		return this.apiRequests;
	}

	public List<Long> apiRequestTimes() {
		return this.apiRequestTimes;
	}

	public List<RecordedRequest> tokenRequests() {
		return this.tokenRequests;
	}

	public MockResponse ok() {
		return json(200, "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"" + (7000 + this.messages.incrementAndGet())
				+ "\"}}")
			.build();
	}

	public static MockResponse.Builder json(int status, String body) {
		return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body);
	}

	public static MockResponse failure(int status, int code, String msg) {
		return json(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}").build();
	}

	public static JsonNode body(RecordedRequest request) {
		return JsonMapper.shared().readTree(request.getBody().utf8());
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		this.server.close();
	}

}

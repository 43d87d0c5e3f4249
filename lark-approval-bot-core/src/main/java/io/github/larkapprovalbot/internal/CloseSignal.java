package io.github.larkapprovalbot.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Completes every subscriber once {@link #fire()} is called, and at once those that subscribe after. Each call in
 * flight subscribes to it (to end when its client closes), so subscribing and cancelling cost one concurrent set
 * operation, whatever the number of calls in flight: a {@code Sinks.empty()} copies its array of subscribers on each.
 */
public final class CloseSignal implements Publisher<Void> {

	private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

	private volatile boolean fired;

	@Override
	public void subscribe(Subscriber<? super Void> subscriber) {
		Watcher watcher = new Watcher(subscriber);
		subscriber.onSubscribe(watcher);
		this.watchers.add(watcher);
		if (this.fired) {
			watcher.complete();
		}
	}

	/** Completes every subscriber, now and from now on. */
	public void fire() {
		this.fired = true;
		this.watchers.forEach(Watcher::complete);
	}

	/**
	 * Returns whether {@link #fire()} was called.
	 * @return whether it was
	 */
	public boolean isFired() {
		return this.fired;
	}

	private final class Watcher implements Subscription {

		private final Subscriber<? super Void> subscriber;

		Watcher(Subscriber<? super Void> subscriber) {
			this.subscriber = subscriber;
		}

		void complete() {
			if (CloseSignal.this.watchers.remove(this)) {
				this.subscriber.onComplete();
			}
		}

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
			CloseSignal.this.watchers.remove(this);
		}

	}

}

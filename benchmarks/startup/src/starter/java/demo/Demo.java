package demo;

import io.github.larkapprovalbot.ApprovalBotMessenger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The same application with the starter, a component injecting the messenger, as a user's would. */
@SpringBootApplication
public class Demo {

	public static void main(String[] args) {
		SpringApplication.run(Demo.class, args);
	}

	@EventListener(ApplicationReadyEvent.class)
	void exit() {
		System.exit(0);
	}

	@Component
	static class Notifier {

		final ApprovalBotMessenger messenger;

		Notifier(ApprovalBotMessenger messenger) {
			this.messenger = messenger;
		}

	}

}

package demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/** Starts, logs Boot's "Started Demo in ... seconds", and exits. */
@SpringBootApplication
public class Demo {

	public static void main(String[] args) {
		SpringApplication.run(Demo.class, args);
	}

	@EventListener(ApplicationReadyEvent.class)
	void exit() {
		System.exit(0);
	}

}

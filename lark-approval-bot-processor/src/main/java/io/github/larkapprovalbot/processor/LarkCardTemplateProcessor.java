package io.github.larkapprovalbot.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

import org.jspecify.annotations.Nullable;

/**
 * Checks {@code @LarkCardTemplate} cards at compile time and reports, as compilation errors on the card, what the
 * Spring Boot starter would refuse at startup: a type that is not a record, a part its template requires that the card
 * lacks (approval name, title user, summaries, DETAIL link, comment, buttons, custom title and content, recipient),
 * buttons on a template without quick approval, a button whose type is blank, whose {@code nextStatus} is not a
 * {@code MessageStatus} or whose custom type has no name, two components with one role, an {@code @Applicant}
 * without an {@code @ApplicantDepartment}, and, when the option {@code larkapprovalbot.messages} names the
 * application's default message bundle, a message key that the bundle does not have.
 * <p>
 * The option takes the path of {@code messages.properties}, or several paths separated by commas: a key passes when
 * one of the files has it (the default locale's own file, such as {@code messages_zh_CN.properties}, may be listed
 * beside the base one); a relative path is resolved against the compiler's working directory. The files are read as
 * UTF-8, Spring Boot's default message encoding, when the cards are compiled. Without the option, or when a file
 * cannot be read, the keys are not checked and the processor says so in one note.
 * <p>
 * Put this processor on the annotation processor path of the compilation (Maven's {@code annotationProcessorPaths},
 * Gradle's {@code annotationProcessor} configuration): since JDK 23, javac runs no processor it only finds on the
 * class path.
 */
public final class LarkCardTemplateProcessor extends AbstractProcessor {

	/** The option that names the default message bundle, a file path (several separated by commas). */
	static final String MESSAGES_OPTION = "larkapprovalbot.messages";

	static final String CARD_ANNOTATION = "io.github.larkapprovalbot.template.LarkCardTemplate";

	/** The card annotation and those of its components, claimed so that {@code -Xlint:processing} stays quiet. */
	private static final Set<String> ANNOTATIONS = Set.of(CARD_ANNOTATION, CARD_ANNOTATION + ".Recipient",
			CARD_ANNOTATION + ".TitleUser", CARD_ANNOTATION + ".Applicant", CARD_ANNOTATION + ".ApplicantDepartment",
			CARD_ANNOTATION + ".DetailUrl", CARD_ANNOTATION + ".ActionUrl", CARD_ANNOTATION + ".ActionContext",
			CARD_ANNOTATION + ".CallbackUrl", CARD_ANNOTATION + ".Uuid");

	private @Nullable MessageBundle bundle;

	/**
	 * Creates the processor; javac calls it through the service loader.
	 */
	public LarkCardTemplateProcessor() {
	}

	@Override
	public Set<String> getSupportedAnnotationTypes() {
		return ANNOTATIONS;
	}

	@Override
	public Set<String> getSupportedOptions() {
		return Set.of(MESSAGES_OPTION);
	}

	@Override
	public SourceVersion getSupportedSourceVersion() {
		return SourceVersion.latestSupported();
	}

	@Override
	public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
		TypeElement cardAnnotation = this.processingEnv.getElementUtils().getTypeElement(CARD_ANNOTATION);
		if (cardAnnotation == null) {
			return true;
		}
		for (Element element : roundEnv.getElementsAnnotatedWith(cardAnnotation)) {
			AnnotationMirror card = CardCheck.mirror(element, CARD_ANNOTATION);
			if (card != null) {
				new CardCheck(this.processingEnv, element, card, bundle()).check();
			}
		}
		// Only this processor reads these annotations: claiming them keeps javac from warning that none did.
		return true;
	}

	private MessageBundle bundle() {
		MessageBundle bundle = this.bundle;
		if (bundle == null) {
			bundle = MessageBundle.load(this.processingEnv.getOptions().get(MESSAGES_OPTION));
			String unchecked = bundle.uncheckedReason();
			if (unchecked != null) {
				this.processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, unchecked);
			}
			this.bundle = bundle;
		}
		return bundle;
	}

}

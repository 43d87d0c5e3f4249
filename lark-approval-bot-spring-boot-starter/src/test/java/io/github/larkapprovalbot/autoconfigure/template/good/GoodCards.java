package io.github.larkapprovalbot.autoconfigure.template.good;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Makes this package an application package, so that its cards are checked at startup. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class GoodCards {

}

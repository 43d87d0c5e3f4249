/**
 * The payload rules: Bean Validation groups per template, the constraints Lark documents, and
 * {@link io.github.larkapprovalbot.validation.PayloadValidator} which reports every violation with its JSON path.
 */
@NullMarked
package io.github.larkapprovalbot.validation;

import org.jspecify.annotations.NullMarked;

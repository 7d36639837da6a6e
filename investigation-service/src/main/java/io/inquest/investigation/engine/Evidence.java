package io.inquest.investigation.engine;

/**
 * One finding of a tool.
 *
 * @param source  the tool that found it
 * @param finding what it says, in one sentence an operator can check
 * @param supports the hypothesis kind it speaks for
 * @param weight  how strongly, 0..1
 */
public record Evidence(String source, String finding, HypothesisKind supports, double weight) {
}

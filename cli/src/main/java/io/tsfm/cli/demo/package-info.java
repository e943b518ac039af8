/**
 * {@code tsfm demo}: watch a simulated device fleet recognised live by Kafka and the streaming job on this machine.
 */
package io.tsfm.cli.demo;

/**
 * The whole system live on one machine ({@link io.tsfm.lab.demo.DemoRun}): a broker, the streaming job and a fleet
 * replaying held-out sessions, with a live or line view of true against predicted activity and a summary at the end.
 * {@code ./tsfm demo} runs it.
 */
package io.tsfm.lab.demo;

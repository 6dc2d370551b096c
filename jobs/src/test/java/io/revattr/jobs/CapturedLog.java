package io.revattr.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The events one class logs while it is open, at the levels the test logging configuration lets
 * through (WARN and above for revattr's classes).
 */
public final class CapturedLog implements AutoCloseable {
  private final List<LogEvent> events = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final AbstractAppender appender;

  public CapturedLog(Class<?> source) {
    logger = (Logger) LogManager.getLogger(source);
    appender =
        new AbstractAppender(
            "captured " + source.getName(), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            events.add(event.toImmutable());
          }
        };
    appender.start();
    logger.addAppender(appender);
  }

  /** The events logged at {@code level}, as their messages. */
  public List<String> messagesAt(Level level) {
    return events.stream()
        .filter(e -> e.getLevel() == level)
        .map(e -> e.getMessage().getFormattedMessage())
        .toList();
  }

  /** The throwables attached to the events logged at {@code level} (null for an event without). */
  public List<Throwable> thrownAt(Level level) {
    return events.stream()
        .filter(e -> e.getLevel() == level)
        .map(LogEvent::getThrown)
        .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    appender.stop();
  }
}

package ai.honeyhive.spring.benchmarks;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * A span exporter that counts and discards, the OpenTelemetry counterpart of a discarding
 * {@code EventsClient}.
 */
final class DiscardingSpanExporter implements SpanExporter {

	private final AtomicLong exported = new AtomicLong();

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		this.exported.addAndGet(spans.size());
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	long exported() {
		return this.exported.get();
	}

}

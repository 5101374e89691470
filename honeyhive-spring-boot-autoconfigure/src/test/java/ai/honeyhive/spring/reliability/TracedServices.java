package ai.honeyhive.spring.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import ai.honeyhive.spring.client.EventType;
import ai.honeyhive.spring.tracing.HoneyHiveTracer;
import ai.honeyhive.spring.tracing.TraceEvent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Three traced beans nested three deep; each records the ids of the events and sessions
 * it was traced in, so a test knows exactly what was produced.
 */
@Configuration(proxyBeanMethods = false)
class TracedServices {

	@Bean
	Produced produced() {
		return new Produced();
	}

	@Bean
	Search search(HoneyHiveTracer tracer, Produced produced) {
		return new Search(tracer, produced);
	}

	@Bean
	Retriever retriever(Search search, HoneyHiveTracer tracer, Produced produced) {
		return new Retriever(search, tracer, produced);
	}

	@Bean
	Agent agent(Retriever retriever, HoneyHiveTracer tracer, Produced produced) {
		return new Agent(retriever, tracer, produced);
	}

	/**
	 * What the traced beans produced: event ids and session ids.
	 */
	static final class Produced {

		final Set<String> events = ConcurrentHashMap.newKeySet();

		final Set<String> sessions = ConcurrentHashMap.newKeySet();

		final AtomicLong calls = new AtomicLong();

		void record(HoneyHiveTracer tracer) {
			tracer.currentEventId().ifPresent(this.events::add);
			tracer.currentSessionId().ifPresent(this.sessions::add);
		}

	}

	@TraceEvent(type = EventType.CHAIN)
	static class Agent {

		private final Retriever retriever;

		private final HoneyHiveTracer tracer;

		private final Produced produced;

		Agent(Retriever retriever, HoneyHiveTracer tracer, Produced produced) {
			this.retriever = retriever;
			this.tracer = tracer;
			this.produced = produced;
		}

		public String answer(String question) {
			this.produced.record(this.tracer);
			this.produced.calls.incrementAndGet();
			return "answer(" + this.retriever.retrieve(question) + ")";
		}

	}

	static class Retriever {

		private final Search search;

		private final HoneyHiveTracer tracer;

		private final Produced produced;

		Retriever(Search search, HoneyHiveTracer tracer, Produced produced) {
			this.search = search;
			this.tracer = tracer;
			this.produced = produced;
		}

		@TraceEvent(type = EventType.CHAIN)
		public String retrieve(String query) {
			this.produced.record(this.tracer);
			return this.search.search(query) + "," + this.search.search(query + "'");
		}

	}

	static class Search {

		private final HoneyHiveTracer tracer;

		private final Produced produced;

		Search(HoneyHiveTracer tracer, Produced produced) {
			this.tracer = tracer;
			this.produced = produced;
		}

		@TraceEvent(type = EventType.TOOL)
		public String search(String query) {
			this.produced.record(this.tracer);
			return "doc(" + query + ")";
		}

	}

}

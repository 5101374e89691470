package ai.honeyhive.spring.collector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Sends exact JSON bodies to the collector through MockMvc, with a bearer token, and
 * reads the answers back as plain maps.
 */
final class CollectorClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockMvc mvc;

	static final String API = "/honeyhive/api";

	static final String PAGE = "/honeyhive";

	/**
	 * Builds MockMvc over the context with its registered filters (the loopback filter
	 * among them); MockMvc requests come from 127.0.0.1 unless a test says otherwise.
	 */
	@SuppressWarnings("rawtypes")
	CollectorClient(WebApplicationContext context) {
		DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(context);
		for (FilterRegistrationBean registration : context.getBeansOfType(FilterRegistrationBean.class).values()) {
			builder.addFilter(registration.getFilter(),
					(String[]) registration.getUrlPatterns().toArray(new String[0]));
		}
		this.mvc = builder.build();
	}

	Response post(String path, String json) {
		return send(HttpMethod.POST, path, json, "Bearer test-key");
	}

	Response put(String path, String json) {
		return send(HttpMethod.PUT, path, json, "Bearer test-key");
	}

	Response send(HttpMethod method, String path, String json, @Nullable String auth) {
		return send(method, path, json, auth, "127.0.0.1");
	}

	Response send(HttpMethod method, String path, String json, @Nullable String auth, String remoteAddress) {
		try {
			MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, API + path)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json)
				.with((mock) -> {
					mock.setRemoteAddr(remoteAddress);
					return mock;
				});
			if (auth != null) {
				request.header("Authorization", auth);
			}
			MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
			return new Response(response.getStatus(), response.getContentAsString(StandardCharsets.UTF_8),
					response.getContentType());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * GETs a path of the page, {@code /} for the page itself.
	 */
	Response get(String path) {
		return get(path, "127.0.0.1");
	}

	Response get(String path, String remoteAddress) {
		try {
			MockHttpServletResponse response = this.mvc
				.perform(MockMvcRequestBuilders.get(PAGE + (path.equals("/") ? "" : path)).with((request) -> {
					request.setRemoteAddr(remoteAddress);
					return request;
				}))
				.andReturn()
				.getResponse();
			return new Response(response.getStatus(), response.getContentAsString(StandardCharsets.UTF_8),
					response.getContentType());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> parse(String json) {
		return JSON.readValue(json, Map.class);
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	record Response(int status, String body, @Nullable String contentType) {

		Map<String, Object> json() {
			return parse(this.body);
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> events() {
			return (List<Map<String, Object>>) json().get("events");
		}

	}

}

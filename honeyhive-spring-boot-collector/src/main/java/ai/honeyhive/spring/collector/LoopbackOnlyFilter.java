package ai.honeyhive.spring.collector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with {@code 403 Forbidden}, requests to the collector that do not come from a
 * loopback address, unless others are allowed: the page shows whatever the application
 * traced, prompts and answers included.
 */
final class LoopbackOnlyFilter extends OncePerRequestFilter {

	static final String MESSAGE = "The HoneyHive collector answers only requests from localhost;"
			+ " set honeyhive.collector.allow-others=true to answer other hosts";

	private static final Log logger = LogFactory.getLog(LoopbackOnlyFilter.class);

	private final boolean allowOthers;

	LoopbackOnlyFilter(boolean allowOthers) {
		this.allowOthers = allowOthers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.allowOthers || isLoopback(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Refused a collector request from " + request.getRemoteAddr());
		}
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(MESSAGE);
	}

	static boolean isLoopback(@Nullable String address) {
		// Only IP literals: a host name must not cause a DNS lookup per request.
		if (address == null || address.isEmpty() || !address.matches("[0-9A-Fa-f:.%\\[\\]]+")) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}

package ai.honeyhive.spring.collector;

import org.springframework.http.HttpStatus;

/**
 * An error the collector answers in the HoneyHive API's error shape.
 */
final class CollectorApiException extends RuntimeException {

	static final String VALIDATION_ERROR = "VALIDATION_ERROR";

	private final HttpStatus status;

	private final String errorCode;

	CollectorApiException(HttpStatus status, String errorCode, String message) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}

	static CollectorApiException missing(String field) {
		return new CollectorApiException(HttpStatus.BAD_REQUEST, VALIDATION_ERROR,
				"Missing required field '" + field + "'");
	}

	static CollectorApiException invalid(String field, String expectation) {
		return new CollectorApiException(HttpStatus.BAD_REQUEST, VALIDATION_ERROR,
				"Invalid field '" + field + "': " + expectation);
	}

	HttpStatus getStatus() {
		return this.status;
	}

	String getErrorCode() {
		return this.errorCode;
	}

}

package ai.honeyhive.spring.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A time range of an events query ({@code dateRange}), bounds as ISO-8601 strings such as
 * {@code 2024-04-01T22:38:19.000Z}.
 *
 * @param gte the lower bound, inclusive ({@code $gte})
 * @param lte the upper bound, inclusive ({@code $lte})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DateRange(@JsonProperty("$gte") @Nullable String gte, @JsonProperty("$lte") @Nullable String lte) {

}

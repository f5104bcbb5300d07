package jp.tsunagu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The value of a media type's example as the contract holds it: the bodies are {@code $ref}s to
 * {@code components/examples} (the static {@code META-INF/openapi.yaml}), so a reader follows the reference first.
 */
public final class ContractExamples {

    private ContractExamples() {
    }

    /** The example object itself: {@code node}, or what its local {@code $ref} (a chain of them) points at. */
    public static JsonNode follow(JsonNode contract, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 8 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("not a reference inside the contract: " + ref);
            }
            current = contract.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("dangling reference " + ref);
            }
        }
        return current;
    }

    /** The {@code value} of the first of a media type's {@code examples}, else its {@code example}; missing if none. */
    public static JsonNode firstValue(JsonNode contract, JsonNode media) {
        if (media.path("examples").elements().hasNext()) {
            return follow(contract, media.path("examples").elements().next()).path("value");
        }
        return media.has("example") ? media.get("example") : MissingNode.getInstance();
    }
}

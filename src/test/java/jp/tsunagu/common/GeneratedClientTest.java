package jp.tsunagu.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.client.ApiClient;
import jp.tsunagu.client.ApiException;
import jp.tsunagu.client.api.TaxonomyApi;
import jp.tsunagu.client.model.Taxonomies;
import jp.tsunagu.client.model.TaxonomyVocabulary;
import jp.tsunagu.support.Tokens;

/** The client generated from openapi/openapi.yaml during the build drives the running service. */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL base;

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(URI.create(base.toString().replaceAll("/$", "")).toString());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    @Test
    void branchStaffReadTheTaxonomyThroughTheGeneratedClient() throws Exception {
        Taxonomies taxonomies = new TaxonomyApi(client(Tokens.of("branch.shonan-west"))).listTaxonomies();
        assertEquals(4, taxonomies.getVocabularies().size());
        TaxonomyVocabulary topics = new TaxonomyApi(client(Tokens.of("branch.shonan-west"))).getTaxonomy("topic");
        assertEquals(18, topics.getTerms().size());
        assertEquals("レスパイト（入所・入院）", topics.getTerms().get(1).getLabelJa());
    }

    @Test
    void theGeneratedClientSeesTheProblemOfAnUnauthenticatedCall() {
        ApiException e = assertThrows(ApiException.class, () -> new TaxonomyApi(client(null)).listTaxonomies());
        assertEquals(401, e.getCode());
    }
}

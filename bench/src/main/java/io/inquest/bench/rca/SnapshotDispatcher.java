package io.inquest.bench.rca;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * The fabric8 mock API server's CRUD mode over one scenario's objects. They are put into its
 * store directly rather than created through the API, which would stamp a new
 * creationTimestamp, uid and resourceVersion on each; and each carries the fields a
 * {@code fieldSelector} may name (an Event's {@code involvedObject.name}, a Pod's
 * {@code spec.nodeName}), which the mock server matches like labels.
 * <p>
 * The mock server tells API groups apart only by the group in the path, and a core path
 * ({@code /api/v1/...}) has none, so {@code /api/v1/namespaces/x/events} would also list the
 * events.k8s.io Events. Each object therefore carries its group, and every read is narrowed to
 * the group of its path.
 */
final class SnapshotDispatcher extends KubernetesCrudDispatcher {

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final String GROUP = "inquest.group";
    private static final Pattern RESOURCE_PATH = Pattern.compile("/api/v1/.+|/apis/([a-z0-9.-]+)/[a-z0-9]+/.+");

    SnapshotDispatcher(ClusterSnapshot snapshot) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
        for (ClusterSnapshot.StoredObject object : snapshot.objects()) {
            String json = object.object().toString();
            GenericKubernetesResource resource = KUBERNETES.unmarshal(json, GenericKubernetesResource.class);
            AttributeSet attributes = AttributeSet.merge(extractor.fromPath(object.collectionPath()), extractor.extract(resource))
                    .add(new Attribute(GROUP, group(object.collectionPath())));
            for (Map.Entry<String, String> field : object.selectableFields().entrySet()) {
                attributes = attributes.add(new Attribute(field.getKey(), field.getValue()));
            }
            map.put(attributes, json);
        }
    }

    @Override
    public MockResponse handleGet(String path) {
        int query = path.indexOf('?');
        String resourcePath = query < 0 ? path : path.substring(0, query);
        if (!RESOURCE_PATH.matcher(resourcePath).matches()) {
            return super.handleGet(path);
        }
        String narrowing = GROUP + "%3D" + group(resourcePath);
        String rawQuery = query < 0 ? "" : path.substring(query + 1);
        StringBuilder narrowed = new StringBuilder();
        boolean merged = false;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            narrowed.append(narrowed.isEmpty() ? "" : "&").append(pair);
            if (!merged && pair.startsWith("fieldSelector=")) {
                narrowed.append(pair.length() > "fieldSelector=".length() ? "%2C" : "").append(narrowing);
                merged = true;
            }
        }
        if (!merged) {
            narrowed.append(narrowed.isEmpty() ? "" : "&").append("fieldSelector=").append(narrowing);
        }
        return super.handleGet(resourcePath + "?" + narrowed);
    }

    /** {@code core} for {@code /api/v1/...}, else the group in {@code /apis/<group>/<version>/...}. */
    private static String group(String path) {
        Matcher matcher = RESOURCE_PATH.matcher(path);
        return matcher.matches() && matcher.group(1) != null ? matcher.group(1) : "core";
    }
}

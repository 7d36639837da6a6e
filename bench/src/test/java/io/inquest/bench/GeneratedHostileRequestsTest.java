package io.inquest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class GeneratedHostileRequestsTest {

    private final GeneratedHostileRequests requests = new GeneratedHostileRequests("http://127.0.0.1:1", "token", 42);

    private Stream<GeneratedHostileRequests.HostileRequest> sample(int count) {
        Iterator<GeneratedHostileRequests.HostileRequest> generated = requests.generated();
        return IntStream.range(0, count).mapToObj(i -> generated.next());
    }

    @Test
    void theSameSeedAndIndexGiveTheSameRequest() {
        GeneratedHostileRequests again = new GeneratedHostileRequests("http://127.0.0.1:1", "token", 42);
        Iterator<GeneratedHostileRequests.HostileRequest> firstRun = requests.generated();
        List<GeneratedHostileRequests.HostileRequest> firsts = IntStream.range(0, 50).mapToObj(i -> firstRun.next()).toList();
        Iterator<GeneratedHostileRequests.HostileRequest> secondRun = again.generated();
        for (int i = 0; i < 50; i++) {
            GeneratedHostileRequests.HostileRequest first = firsts.get(i);
            GeneratedHostileRequests.HostileRequest second = secondRun.next();
            assertThat(second.attack()).isEqualTo(first.attack());
            assertThat(second.format()).isEqualTo(first.format());
            assertThat(second.extraHeaders()).isEqualTo(first.extraHeaders());
            assertThat(second.body().length).isEqualTo(first.body().length);
        }
    }

    @Test
    void everyFormatMeetsEveryAttack() {
        Set<String> seen = new HashSet<>();
        sample(3_000).forEach(r -> seen.add(r.format() + " / " + r.attack()));
        assertThat(seen).hasSize(5 * 9);
    }

    @Test
    void invalidUtf8RequestsCarryBytesNoDecoderAccepts() {
        sample(1_000).filter(r -> r.attack().equals("invalid UTF-8")).forEach(r -> {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(r.body()));
                throw new AssertionError("valid UTF-8: " + new String(r.body(), StandardCharsets.UTF_8));
            } catch (CharacterCodingException expected) {
                // what the attack is for
            }
        });
    }

    @Test
    void oversizedBodiesReachTheLimitAndBeyond() {
        assertThat(sample(2_000).filter(r -> r.attack().equals("oversized body"))
                .mapToInt(r -> r.body().length).max().orElse(0)).isGreaterThan(1024 * 1024);
    }
}

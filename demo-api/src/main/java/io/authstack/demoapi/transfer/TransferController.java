package io.authstack.demoapi.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The endpoints a relay's tests push through it: a large streamed answer, a streamed echo, a slow answer. None
 * holds a body in memory: bytes go out in {@link #CHUNK_SIZE} chunks as they are written or read.
 */
@RestController
class TransferController {

	/** The largest {@code /bytes} answer: 100 MiB, enough to show a relay streams rather than buffers. */
	static final long MAX_BYTES = 100L * 1024 * 1024;

	/** The longest {@code /slow} wait: long enough for a relay's timeout to fire first. */
	static final long MAX_DELAY_MILLIS = 30_000;

	static final int CHUNK_SIZE = 64 * 1024;

	/**
	 * Byte {@code i} of every {@code /bytes} answer is {@code i % 256}, so that a test can check order as well as
	 * length; {@link #CHUNK_SIZE} is a multiple of 256, so every chunk is this same array.
	 */
	private static final byte[] PATTERN = pattern();

	/**
	 * {@code GET /bytes?n=}: exactly {@code n} bytes of {@link #PATTERN}, chunked (no {@code Content-Length}, as a
	 * generated answer of unknown length would be).
	 */
	@GetMapping("/bytes")
	ResponseEntity<StreamingResponseBody> bytes(@RequestParam @Min(0) @Max(MAX_BYTES) long n) {
		StreamingResponseBody body = (OutputStream out) -> {
			for (long left = n; left > 0; left -= CHUNK_SIZE) {
				out.write(PATTERN, 0, (int) Math.min(CHUNK_SIZE, left));
			}
		};
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(body);
	}

	/** {@code POST /echo}: the request's body back as it is read, under the request's content type. */
	@PostMapping("/echo")
	void echo(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String contentType = request.getContentType();
		response.setContentType((contentType != null) ? contentType : MediaType.APPLICATION_OCTET_STREAM_VALUE);
		request.getInputStream().transferTo(response.getOutputStream());
	}

	/**
	 * {@code GET /slow?ms=}: answers after {@code ms} milliseconds, without holding a request thread meanwhile (the
	 * answer is completed by a timer).
	 */
	@GetMapping("/slow")
	CompletableFuture<Map<String, Long>> slow(@RequestParam @Min(0) @Max(MAX_DELAY_MILLIS) long ms) {
		return CompletableFuture.supplyAsync(() -> Map.of("delayedMillis", ms),
				CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS));
	}

	private static byte[] pattern() {
		byte[] pattern = new byte[CHUNK_SIZE];
		for (int i = 0; i < pattern.length; i++) {
			pattern[i] = (byte) i;
		}
		return pattern;
	}

}

#ifndef STACKCTL_CURL_LOADER_H
#define STACKCTL_CURL_LOADER_H

#include <stddef.h>

/// Bytes curl handed us: the response body or its header block.
typedef struct {
    char *data;
    size_t length;
    size_t capacity;
} stackctl_buffer;

/// One HTTP exchange. `curl_code` is 0 when a response arrived (whatever its status).
typedef struct {
    long status;
    stackctl_buffer body;
    stackctl_buffer headers;
    int curl_code;
    char error[256];
} stackctl_http_result;

/// Loads libcurl (once, thread-safe). Returns 0 when it is usable; otherwise 1 and a message in `error`.
int stackctl_curl_load(char *error, size_t error_length);

/// Sends one request and waits for the whole response. `headers` are complete "Name: value" lines.
/// Returns 0 on a response (see result->status), 1 on a transport failure (result->curl_code, error).
int stackctl_http_perform(const char *method, const char *url, const char *const *headers, size_t header_count,
                          const void *body, size_t body_length, long connect_timeout_ms, long stall_seconds,
                          stackctl_http_result *result);

/// Frees the buffers of a result.
void stackctl_http_result_free(stackctl_http_result *result);

#endif

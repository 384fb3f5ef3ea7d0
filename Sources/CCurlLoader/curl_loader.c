// libcurl, loaded on first use with dlopen rather than linked: linking it (as FoundationNetworking
// does) makes the dynamic loader map and relocate libcurl and ~30 libraries it needs at every start,
// which cost more than a whole synthesis. Only commands that talk to AWS pay for it now.
//
// curl_easy_setopt is variadic; Swift cannot call variadic C functions, so the calls live here.
// The CURLOPT/CURLINFO numbers are libcurl's stable ABI (curl.h); no curl headers are needed.
#include "curl_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void CURL;
struct curl_slist;

enum {
    OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_POSTFIELDS = 10015, OPT_HTTPHEADER = 10023,
    OPT_WRITEDATA = 10001, OPT_HEADERDATA = 10029, OPT_CUSTOMREQUEST = 10036,
    OPT_WRITEFUNCTION = 20011, OPT_HEADERFUNCTION = 20079,
    OPT_NOBODY = 44, OPT_NOSIGNAL = 99, OPT_LOW_SPEED_LIMIT = 19, OPT_LOW_SPEED_TIME = 20,
    OPT_CONNECTTIMEOUT_MS = 156, OPT_POSTFIELDSIZE_LARGE = 30120, OPT_FOLLOWLOCATION = 52,
    INFO_RESPONSE_CODE = 0x200002,
    GLOBAL_DEFAULT = 3,
};

typedef size_t (*write_callback)(char *, size_t, size_t, void *);

static struct {
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(int);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static char load_error[256];

static void load(void) {
    const char *names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names && !library; i++) library = dlopen(names[i], RTLD_NOW);
    if (!library) {
        snprintf(load_error, sizeof load_error, "cannot load libcurl (libcurl.so.4): %s", dlerror());
        return;
    }
#define RESOLVE(field, symbol)                                                                      \
    if (!(*(void **)&curl.field = dlsym(library, symbol))) {                                        \
        snprintf(load_error, sizeof load_error, "libcurl has no %s", symbol);                       \
        return;                                                                                     \
    }
    RESOLVE(global_init, "curl_global_init")
    RESOLVE(easy_init, "curl_easy_init")
    RESOLVE(easy_setopt, "curl_easy_setopt")
    RESOLVE(easy_perform, "curl_easy_perform")
    RESOLVE(easy_getinfo, "curl_easy_getinfo")
    RESOLVE(easy_cleanup, "curl_easy_cleanup")
    RESOLVE(easy_strerror, "curl_easy_strerror")
    RESOLVE(slist_append, "curl_slist_append")
    RESOLVE(slist_free_all, "curl_slist_free_all")
#undef RESOLVE
    // Not thread-safe in old libcurls: once, before any handle exists.
    if (curl.global_init(GLOBAL_DEFAULT) != 0) snprintf(load_error, sizeof load_error, "curl_global_init failed");
}

int stackctl_curl_load(char *error, size_t error_length) {
    pthread_once(&load_once, load);
    if (load_error[0] == 0) return 0;
    if (error && error_length) snprintf(error, error_length, "%s", load_error);
    return 1;
}

static size_t append(char *data, size_t size, size_t count, void *target) {
    stackctl_buffer *buffer = target;
    size_t length = size * count;
    if (buffer->length + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->length + length) capacity *= 2;
        char *grown = realloc(buffer->data, capacity);
        if (!grown) return 0;  // makes curl fail the transfer with a write error
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->length, data, length);
    buffer->length += length;
    return length;
}

static size_t append_header(char *data, size_t size, size_t count, void *target) {
    stackctl_buffer *buffer = target;
    // A new status line (after `100 Continue`, say) starts the final response's headers afresh.
    if (size * count >= 5 && memcmp(data, "HTTP/", 5) == 0) buffer->length = 0;
    return append(data, size, count, target);
}

int stackctl_http_perform(const char *method, const char *url, const char *const *headers, size_t header_count,
                          const void *body, size_t body_length, long connect_timeout_ms, long stall_seconds,
                          stackctl_http_result *result) {
    memset(result, 0, sizeof *result);
    if (stackctl_curl_load(result->error, sizeof result->error) != 0) {
        result->curl_code = -1;
        return 1;
    }
    CURL *handle = curl.easy_init();
    if (!handle) {
        result->curl_code = -1;
        snprintf(result->error, sizeof result->error, "curl_easy_init failed");
        return 1;
    }
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < header_count; i++) list = curl.slist_append(list, headers[i]);

    curl.easy_setopt(handle, OPT_URL, url);
    curl.easy_setopt(handle, OPT_CUSTOMREQUEST, method);
    curl.easy_setopt(handle, OPT_HTTPHEADER, list);
    curl.easy_setopt(handle, OPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, OPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(handle, OPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    // A transfer that moves no byte for `stall_seconds` is dropped; a slow big upload is not.
    curl.easy_setopt(handle, OPT_LOW_SPEED_LIMIT, 1L);
    curl.easy_setopt(handle, OPT_LOW_SPEED_TIME, stall_seconds);
    curl.easy_setopt(handle, OPT_ERRORBUFFER, result->error);
    curl.easy_setopt(handle, OPT_WRITEFUNCTION, (write_callback)append);
    curl.easy_setopt(handle, OPT_WRITEDATA, &result->body);
    curl.easy_setopt(handle, OPT_HEADERFUNCTION, (write_callback)append_header);
    curl.easy_setopt(handle, OPT_HEADERDATA, &result->headers);
    if (strcmp(method, "HEAD") == 0) curl.easy_setopt(handle, OPT_NOBODY, 1L);
    if (body_length > 0) {
        curl.easy_setopt(handle, OPT_POSTFIELDSIZE_LARGE, (long long)body_length);
        curl.easy_setopt(handle, OPT_POSTFIELDS, body);
    }

    result->curl_code = curl.easy_perform(handle);
    if (result->curl_code == 0) {
        curl.easy_getinfo(handle, INFO_RESPONSE_CODE, &result->status);
    } else if (result->error[0] == 0) {
        snprintf(result->error, sizeof result->error, "%s", curl.easy_strerror(result->curl_code));
    }
    curl.easy_cleanup(handle);
    curl.slist_free_all(list);
    return result->curl_code == 0 ? 0 : 1;
}

void stackctl_http_result_free(stackctl_http_result *result) {
    free(result->body.data);
    free(result->headers.data);
    memset(&result->body, 0, sizeof result->body);
    memset(&result->headers, 0, sizeof result->headers);
}

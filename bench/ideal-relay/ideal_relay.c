// A lower bound on what any proxy pair can cost on this machine: the same two hops as a VMess chain
// (socks client side, server side, then a plain connection to the target), AES-128-GCM from the same
// OpenSSL in 32 KiB chunks (a 64 KiB read is two, as in our writer) with a 2-byte length, 64 KiB reads,
// one send per read, blocking sockets and two threads per connection. No protocol beyond that, no auth,
// fixed key: a measuring stick, not a proxy.
//
//   ideal_relay client LISTEN_PORT SERVER_PORT   (socks5 on 127.0.0.1:LISTEN_PORT)
//   ideal_relay server LISTEN_PORT               (targets must be IPv4)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { Tag = 16 };

// IDEAL_READ and IDEAL_CHUNK (bytes) override the read and chunk sizes, to see what the machine rewards.
static size_t ReadSize = 64 * 1024, ChunkData = 32 * 1024, BufferSize;

static const unsigned char Key[16] = "0123456789abcdef";

typedef struct {
    int from, to;
    int seal; // 1: plain in, chunks out; 0: chunks in, plain out
} Pump;

static int read_full(int fd, void *buffer, size_t length) {
    for (size_t done = 0; done < length;) {
        ssize_t n = recv(fd, (char *)buffer + done, length - done, 0);
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

static int send_all(int fd, const void *buffer, size_t length) {
    for (size_t done = 0; done < length;) {
        ssize_t n = send(fd, (const char *)buffer + done, length - done, MSG_NOSIGNAL);
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

static void nonce_of(unsigned char nonce[12], uint64_t count) {
    memset(nonce, 0, 12);
    memcpy(nonce, &count, sizeof count);
}

static void *pump(void *argument) {
    Pump *p = argument;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    EVP_CipherInit_ex(ctx, EVP_aes_128_gcm(), NULL, Key, NULL, p->seal);
    unsigned char *in = malloc(BufferSize), *out = malloc(BufferSize);
    unsigned char nonce[12];
    uint64_t count = 0;
    size_t held = 0; // open side: bytes of an incomplete chunk kept at the start of `in`
    for (;;) {
        ssize_t n = recv(p->from, in + held, p->seal ? ReadSize : BufferSize - held, 0);
        if (n <= 0) break;
        size_t fill = 0, length = held + (size_t)n;
        if (p->seal) {
            for (size_t at = 0; at < length;) {
                int take = (int)(length - at < ChunkData ? length - at : ChunkData), written = 0;
                nonce_of(nonce, count++);
                EVP_CipherInit_ex(ctx, NULL, NULL, NULL, nonce, 1);
                out[fill] = (unsigned char)((take + Tag) >> 8);
                out[fill + 1] = (unsigned char)(take + Tag);
                EVP_CipherUpdate(ctx, out + fill + 2, &written, in + at, take);
                EVP_CipherFinal_ex(ctx, out + fill + 2 + take, &written);
                EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, Tag, out + fill + 2 + take);
                fill += 2 + (size_t)take + Tag;
                at += (size_t)take;
            }
        } else {
            size_t at = 0;
            while (length - at >= 2) {
                size_t size = ((size_t)in[at] << 8) | in[at + 1];
                if (length - at < 2 + size) break;
                int take = (int)size - Tag, written = 0;
                nonce_of(nonce, count++);
                EVP_CipherInit_ex(ctx, NULL, NULL, NULL, nonce, 0);
                EVP_CipherUpdate(ctx, out + fill, &written, in + at + 2, take);
                EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, Tag, in + at + 2 + take);
                if (EVP_CipherFinal_ex(ctx, out + fill + take, &written) <= 0) {
                    fprintf(stderr, "tag mismatch\n");
                    goto done;
                }
                fill += (size_t)take;
                at += 2 + size;
            }
            held = length - at;
            memmove(in, in + at, held);
        }
        if (fill > 0 && send_all(p->to, out, fill) < 0) break;
    }
done:
    shutdown(p->to, SHUT_WR);
    EVP_CIPHER_CTX_free(ctx);
    free(in);
    free(out);
    return NULL;
}

static int connect_to(uint32_t address, uint16_t port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = port, .sin_addr.s_addr = address};
    if (connect(fd, (struct sockaddr *)&to, sizeof to) < 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void relay(int outer, int inner, int outer_is_plain) {
    Pump up = {outer, inner, outer_is_plain}, down = {inner, outer, !outer_is_plain};
    pthread_t thread;
    pthread_create(&thread, NULL, pump, &down);
    pump(&up);
    pthread_join(thread, NULL);
    close(outer);
    close(inner);
}

static int server_port;

static void *serve_client(void *argument) {
    int fd = (int)(intptr_t)argument;
    unsigned char greeting[2 + 255], request[10];
    if (read_full(fd, greeting, 2) < 0 || read_full(fd, greeting + 2, greeting[1]) < 0) goto fail;
    if (send_all(fd, "\x05\x00", 2) < 0 || read_full(fd, request, 10) < 0 || request[3] != 1) goto fail;
    int inner = connect_to(htonl(INADDR_LOOPBACK), (uint16_t)htons((uint16_t)server_port));
    if (inner < 0) goto fail;
    if (send_all(inner, request + 4, 6) < 0 || send_all(fd, "\x05\x00\x00\x01\0\0\0\0\0\0", 10) < 0) {
        close(inner);
        goto fail;
    }
    relay(fd, inner, 1);
    return NULL;
fail:
    close(fd);
    return NULL;
}

static void *serve_server(void *argument) {
    int fd = (int)(intptr_t)argument;
    unsigned char target[6];
    uint32_t address;
    uint16_t port;
    if (read_full(fd, target, 6) < 0) goto fail;
    memcpy(&address, target, 4);
    memcpy(&port, target + 4, 2);
    int inner = connect_to(address, port);
    if (inner < 0) goto fail;
    relay(fd, inner, 0);
    return NULL;
fail:
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3 || (strcmp(argv[1], "client") == 0 && argc < 4)) {
        fprintf(stderr, "usage: ideal_relay client LISTEN_PORT SERVER_PORT | server LISTEN_PORT\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    if (getenv("IDEAL_READ")) ReadSize = (size_t)atol(getenv("IDEAL_READ"));
    if (getenv("IDEAL_CHUNK")) ChunkData = (size_t)atol(getenv("IDEAL_CHUNK"));
    if (ChunkData > 65535 - Tag) ChunkData = 65535 - Tag;
    BufferSize = 2 * ReadSize + 2 * 65536;
    int client = strcmp(argv[1], "client") == 0;
    if (client) server_port = atoi(argv[3]);
    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2])),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *)&at, sizeof at) < 0 || listen(listener, 64) < 0) {
        perror("listen");
        return 1;
    }
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) continue;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        pthread_t thread;
        pthread_create(&thread, NULL, client ? serve_client : serve_server, (void *)(intptr_t)fd);
        pthread_detach(thread);
    }
}

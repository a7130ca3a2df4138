/* pseudonym.c - stable pseudonyms of people; see pseudonym.h. */
#include "pseudonym.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

int pseudonyms_open(struct pseudonyms *p, const char *records, struct err *e)
{
	char *path = xconcat(records, ".key", NULL);
	unsigned char key[32];
	int rc = -1, fd = open(path, O_RDONLY);
	if (fd < 0 && errno == ENOENT) {
		if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key) {
			err_set(e, path, 0, "cannot get random bytes: %s", strerror(errno));
			goto out;
		}
		int w = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (w < 0 || write(w, key, sizeof key) != (ssize_t)sizeof key || fsync(w) < 0) {
			err_set(e, path, 0, "cannot write the pseudonym key: %s", strerror(errno));
			if (w >= 0)
				close(w);
			goto out;
		}
		close(w);
		fd = open(path, O_RDONLY);
	}
	if (fd < 0 || read(fd, key, sizeof key) != (ssize_t)sizeof key) {
		err_set(e, path, 0, "cannot read the pseudonym key (32 bytes)");
		goto out;
	}
	hmac_sha256_set_key(&p->hmac, sizeof key, key);
	rc = 0;
out:
	memset(key, 0, sizeof key);
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

void pseudonym_of(const struct pseudonyms *p, const char *ref, char out[16])
{
	static const char digits[] = "0123456789abcdef";
	struct hmac_sha256_ctx h = p->hmac;
	uint8_t mac[SHA256_DIGEST_SIZE];
	hmac_sha256_update(&h, strlen(ref), (const uint8_t *)ref);
	hmac_sha256_digest(&h, sizeof mac, mac);
	out[0] = 'P';
	out[1] = '-';
	for (int i = 0; i < 6; i++) {
		out[2 + 2 * i] = digits[mac[i] >> 4];
		out[3 + 2 * i] = digits[mac[i] & 15];
	}
	out[14] = '\0';
}

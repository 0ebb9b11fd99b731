"""Score a folder or JSONL corpus with slant on Spark.

Usage: spark_score.py IN OUT [--master URL] [--shards N] [--slant BIN] [--env NAME=VALUE]...
                      [-- SCORE-ARGS...]
(scripts/spark-score runs it with the PySpark of scripts/setup-spark; on a cluster, give
this file to spark-submit).

The job runs N tasks; task K runs the same `slant` binary as

    slant score IN --shard K/N SCORE-ARGS -o OUT/part-K-of-N.jsonl

so every record is byte for byte the record one `slant score IN` run writes (same `path`,
`id`, outlet from the folder, JSONL line numbers) plus the `input_order` key that ends every
sharded record, and the N part files hold each record of that run exactly once.
`slant score OUT` merges them back into the bytes of that run; `slant compare OUT` and
`slant report OUT -o r.html` merge them back into input order. Piping partitions through `slant score -` (RDD.pipe) was not chosen: text
read from stdin is named `-`, its ids and line numbers are those of the piped stream, and a
folder of Markdown or HTML files cannot go through stdin as JSONL without being read by
other code than slant's; the records would not be those of a plain run.

IN and OUT must be at the same path on the driver and on every executor (a local disk in
local mode; a shared file system such as NFS on a cluster), and so must the driver's working
directory: slant runs there, with IN as given, so that record paths are those of a plain run
from that directory. Each task reads the whole of IN (it walks a folder and reads only its
files; it reads a JSONL file whole and scores only its lines).

--slant BIN   the binary: a path, or the name of a file shipped with --files or inside an
              archive shipped with --archives (default: target/release/slant beside this
              script when it exists, else `slant`).
--env N=V     set N=V for slant on the executors (repeatable).
In SCORE-ARGS and --env values, {files} stands for the executor's folder of files shipped
with --files/--archives (e.g. --env SLANT_MODEL_DIR={files}/tf/all-MiniLM-L6-v2).

Exit status as slant's: 0 all scored, 1 some inputs failed, 2 nothing scored or an error.
"""

import os
import re
import shutil
import subprocess
import sys
import uuid

# A part file, or the temporary file of a task that was killed while writing one.
PART = re.compile(r"^\.?part-\d{5}-of-\d{5}\.jsonl(\.[0-9a-f]{32}\.tmp)?$")


def usage(message):
    sys.stderr.write(f"spark-score: {message}\n{__doc__.splitlines()[2]}\n")
    sys.exit(2)


def parse_args(argv):
    args = {"master": None, "shards": None, "slant": None, "env": [], "score": []}
    if "--" in argv:
        cut = argv.index("--")
        argv, args["score"] = argv[:cut], argv[cut + 1 :]
    positional = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        if a in ("--master", "--shards", "--slant", "--env"):
            if i + 1 >= len(argv):
                usage(f"{a} needs a value")
            if a == "--env":
                if "=" not in argv[i + 1]:
                    usage(f"--env {argv[i + 1]}: not NAME=VALUE")
                args["env"].append(argv[i + 1].split("=", 1))
            else:
                args[a[2:]] = argv[i + 1]
            i += 2
        elif a.startswith("-") and a != "-":
            usage(f"unknown option {a} (slant's own options go after --)")
        else:
            positional.append(a)
            i += 1
    if len(positional) != 2:
        usage("give IN and OUT")
    args["input"], args["output"] = positional
    if args["shards"] is not None:
        if not args["shards"].isdigit() or int(args["shards"]) < 1:
            usage(f"--shards {args['shards']}: not a number of slices (1 or more)")
        args["shards"] = int(args["shards"])
    return args


def prepare_output(out):
    """Create OUT, or empty it of an earlier run's part files; refuse anything else in it."""
    os.makedirs(out, exist_ok=True)
    others = [f for f in os.listdir(out) if not PART.match(f)]
    if others:
        usage(f"{out} holds other files than part files of an earlier run ({others[0]}); "
              "give an empty or new folder")
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))


def find_slant(name, files, cwd):
    """The slant binary on this machine: an absolute path, a file shipped with --files or
    --archives (in `files`), a path relative to the driver's working directory, or a command
    on PATH."""
    candidates = [name] if os.path.isabs(name) else [os.path.join(files, name), os.path.join(cwd, name)]
    if os.sep not in name and shutil.which(name):
        candidates.append(shutil.which(name))
    for path in candidates:
        if os.path.isfile(path):
            if not os.access(path, os.X_OK):
                # --files may drop the execute bit.
                os.chmod(path, os.stat(path).st_mode | 0o111)
            return path
    raise FileNotFoundError(f"no slant binary at {name} (ship it with --files or --archives)")


def score_slice(job, k):
    """Task K: run slant on slice K of N; write OUT's part file atomically (a retried or
    speculative attempt of the same task cannot leave a mixed file)."""
    from pyspark import SparkFiles

    n = job["shards"]
    part = os.path.join(job["output"], f"part-{k:05d}-of-{n:05d}.jsonl")
    tmp = os.path.join(job["output"], f".{os.path.basename(part)}.{uuid.uuid4().hex}.tmp")
    files = os.path.abspath(SparkFiles.getRootDirectory())
    if not os.path.isdir(job["cwd"]):
        raise FileNotFoundError(f"{job['cwd']} (the driver's working directory) is not on this executor")
    env = dict(os.environ, RAYON_NUM_THREADS=str(job["task_cpus"]))
    env.update((name, value.replace("{files}", files)) for name, value in job["env"])
    slant = find_slant(job["slant"], files, job["cwd"])
    cmd = [slant, "score", job["input"], "--shard", f"{k}/{n}", "-o", tmp]
    cmd += [a.replace("{files}", files) for a in job["score"]]
    done = subprocess.run(cmd, cwd=job["cwd"], env=env, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1, 2):
        # Killed (out of memory, a signal) or a crash: fail the task, so that Spark retries it.
        if os.path.exists(tmp):
            os.remove(tmp)
        raise RuntimeError(f"slant on slice {k}/{n} ended with status {done.returncode}:\n{done.stderr}")
    result = {"k": k, "code": done.returncode, "stderr": done.stderr, "articles": 0, "failures": 0}
    if os.path.exists(tmp):
        os.replace(tmp, part)
        # Error records start with the schema and then the path; articles with the id.
        with open(part, encoding="utf-8") as f:
            for line in f:
                if line.startswith('{"schema":"slant/1","path":'):
                    result["failures"] += 1
                elif line.strip():
                    result["articles"] += 1
    return result


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("slant score")
    if args["master"]:
        conf.setMaster(args["master"])
    elif not conf.contains("spark.master"):
        conf.setMaster("local[2]")
    if conf.get("spark.master").startswith("local"):
        # One machine: stay on the loopback interface and start no web UI.
        conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        conf.set("spark.ui.enabled", "false")
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    conf.set("spark.ui.showConsoleProgress", "false")

    here = os.path.dirname(os.path.abspath(__file__))
    default_slant = os.path.join(here, "..", "target", "release", "slant")
    job = {
        # IN as given (slant runs in this working directory): record paths as in a plain run.
        "input": args["input"],
        "cwd": os.getcwd(),
        "output": os.path.abspath(args["output"]),
        "score": args["score"],
        "env": args["env"],
        "slant": args["slant"] or (os.path.abspath(default_slant) if os.path.isfile(default_slant) else "slant"),
    }
    if not os.path.exists(job["input"]):
        usage(f"{args['input']}: no such file or folder")
    inside = os.path.realpath(job["output"]) + os.sep
    if os.path.isdir(job["input"]) and inside.startswith(os.path.realpath(job["input"]) + os.sep):
        usage(f"{args['output']} is inside {args['input']}: the slices would read each other's output")
    prepare_output(job["output"])

    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        job["task_cpus"] = int(sc.getConf().get("spark.task.cpus", "1"))
        job["shards"] = args["shards"] or 2 * sc.defaultParallelism
        n = job["shards"]
        results = (
            sc.parallelize(range(1, n + 1), n).map(lambda k: score_slice(job, k)).collect()
        )
    except Exception as e:  # a task failed after Spark's retries: say why, exit 2 (not 1)
        lines = str(e).strip().splitlines()
        at = next((i for i, line in enumerate(lines) if re.match(r"\w+(Error|Exception): ", line)), 0)
        sys.stderr.write("spark-score: the job failed: " + "\n".join(lines[at : at + 3]) + "\n")
        return 2
    finally:
        sc.stop()

    # Exit 2 without a part file: slant refused its arguments (the same for every slice).
    broken = [r for r in results
              if not os.path.exists(os.path.join(job["output"], f"part-{r['k']:05d}-of-{n:05d}.jsonl"))]
    for r in broken:
        sys.stderr.write(f"spark-score: slice {r['k']}/{n} failed (exit {r['code']}):\n{r['stderr']}")
    articles = sum(r["articles"] for r in results)
    failures = sum(r["failures"] for r in results)
    sys.stderr.write(
        f"spark-score: {n} slices, {articles} article(s) scored, {failures} input(s) failed "
        f"-> {args['output']}\n"
    )
    if broken or articles == 0:
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

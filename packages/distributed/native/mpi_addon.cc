// MPI for Node: one thread owns every MPI call (as Horovod's background thread). JavaScript queues
// a collective on typed arrays it keeps alive until the call completes; the MPI thread runs the
// queue in order and answers through a thread-safe function, so the event loop never waits on MPI.
#define NAPI_VERSION 8
#include <dlfcn.h>
#include <mpi.h>
#include <node_api.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

enum Kind : int32_t {
  kAllreduceSum = 0,  // Float32Array in place (MPI_IN_PLACE), then divided by arg when arg > 1 (mean)
  kBroadcast = 1,     // Float32Array in place from root
  kAllgatherInt = 2,  // Int32Array k in, Int32Array k·size out
  kAllgatherv = 3,    // Float32Array in, Float32Array out, Int32Array counts
  kBarrier = 4,
};

struct Job {
  Kind kind;
  int32_t arg = 0;  // the root of a broadcast, the divisor of a mean
  void* in = nullptr;
  size_t inLength = 0;
  void* out = nullptr;
  size_t outLength = 0;
  int32_t* counts = nullptr;
  std::vector<napi_ref> keepAlive;
  napi_ref callback = nullptr;
  std::string error;  // empty on success
};

struct Slot {
  int rank = 0, size = 1, localRank = 0, localSize = 1, crossRank = 0, crossSize = 1;
  int threadLevel = 0;
  std::string error;
};

struct Engine {
  std::thread thread;
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Job*> queue;
  bool stopping = false;
  bool started = false;
  bool finalized = false;
  napi_threadsafe_function done = nullptr;
  size_t inFlight = 0;
  Slot slot;
  std::mutex initMutex;
  std::condition_variable initDone;
  bool initReady = false;
};

// never destroyed: a process that exits without finalize() must not run std::thread's destructor
// on a running thread (std::terminate); MPI then reports the rank as ended without MPI_Finalize.
Engine& engine = *new Engine();

std::string mpiError(int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  return std::string(text, length);
}

// Open MPI loads its components as shared objects that look up libmpi's symbols globally; a Node
// addon is opened RTLD_LOCAL, so libmpi is promoted to RTLD_GLOBAL before MPI_Init (as mpi4py does).
void promoteLibmpiToGlobal() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&MPI_Init_thread), &info) && info.dli_fname) {
    dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
  }
}

void initOnMpiThread() {
  Slot& s = engine.slot;
  int provided = 0;
  int rc = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided);
  if (rc != MPI_SUCCESS) {
    s.error = "MPI_Init_thread: " + mpiError(rc);
    return;
  }
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  s.threadLevel = provided;
  MPI_Comm_rank(MPI_COMM_WORLD, &s.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &s.size);
  MPI_Comm local, cross;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, s.rank, MPI_INFO_NULL, &local);
  MPI_Comm_rank(local, &s.localRank);
  MPI_Comm_size(local, &s.localSize);
  // the ranks with the same local rank, one per host: cross rank = index of this host among them
  MPI_Comm_split(MPI_COMM_WORLD, s.localRank, s.rank, &cross);
  MPI_Comm_rank(cross, &s.crossRank);
  MPI_Comm_size(cross, &s.crossSize);
  MPI_Comm_free(&local);
  MPI_Comm_free(&cross);
}

void run(Job* job) {
  int rc = MPI_SUCCESS;
  switch (job->kind) {
    case kAllreduceSum:
      rc = MPI_Allreduce(MPI_IN_PLACE, job->in, int(job->inLength), MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
      if (rc == MPI_SUCCESS && job->arg > 1) {
        // a division, not a multiplication by 1/size: the same float as the ring's mean
        float* values = static_cast<float*>(job->in);
        const float divisor = float(job->arg);
        for (size_t i = 0; i < job->inLength; i++) values[i] /= divisor;
      }
      break;
    case kBroadcast:
      rc = MPI_Bcast(job->in, int(job->inLength), MPI_FLOAT, job->arg, MPI_COMM_WORLD);
      break;
    case kAllgatherInt:
      rc = MPI_Allgather(job->in, int(job->inLength), MPI_INT, job->out, int(job->inLength), MPI_INT,
                         MPI_COMM_WORLD);
      break;
    case kAllgatherv: {
      std::vector<int> displacements(engine.slot.size);
      int offset = 0;
      for (int r = 0; r < engine.slot.size; r++) {
        displacements[r] = offset;
        offset += job->counts[r];
      }
      rc = MPI_Allgatherv(job->in, int(job->inLength), MPI_FLOAT, job->out, job->counts, displacements.data(),
                          MPI_FLOAT, MPI_COMM_WORLD);
      break;
    }
    case kBarrier:
      rc = MPI_Barrier(MPI_COMM_WORLD);
      break;
  }
  if (rc != MPI_SUCCESS) job->error = mpiError(rc);
}

void mpiThread() {
  initOnMpiThread();
  {
    std::lock_guard<std::mutex> lock(engine.initMutex);
    engine.initReady = true;
  }
  engine.initDone.notify_all();
  if (!engine.slot.error.empty()) return;
  for (;;) {
    Job* job = nullptr;
    {
      std::unique_lock<std::mutex> lock(engine.mutex);
      engine.wake.wait(lock, [] { return engine.stopping || !engine.queue.empty(); });
      if (engine.queue.empty()) break;  // stopping, and nothing left to run
      job = engine.queue.front();
      engine.queue.pop_front();
    }
    run(job);
    napi_call_threadsafe_function(engine.done, job, napi_tsfn_blocking);
  }
  MPI_Finalize();
}

napi_value throwError(napi_env env, const std::string& message) {
  napi_throw_error(env, "NNUNET_MPI", message.c_str());
  return nullptr;
}

// On the main thread: the job is done; call its callback with (error | null).
void finish(napi_env env, napi_value, void*, void* data) {
  Job* job = static_cast<Job*>(data);
  if (env != nullptr) {
    napi_value callback, global, argument;
    napi_get_reference_value(env, job->callback, &callback);
    napi_get_global(env, &global);
    if (job->error.empty()) {
      napi_get_null(env, &argument);
    } else {
      napi_value message;
      napi_create_string_utf8(env, job->error.c_str(), job->error.size(), &message);
      napi_create_error(env, nullptr, message, &argument);
    }
    napi_call_function(env, global, callback, 1, &argument, nullptr);
    napi_delete_reference(env, job->callback);
    for (napi_ref ref : job->keepAlive) napi_delete_reference(env, ref);
    // no queued work: the thread-safe function no longer keeps the process alive
    if (--engine.inFlight == 0) napi_unref_threadsafe_function(env, engine.done);
  }
  delete job;
}

void setInt(napi_env env, napi_value object, const char* name, int value) {
  napi_value v;
  napi_create_int32(env, value, &v);
  napi_set_named_property(env, object, name, v);
}

// init(): starts the MPI thread, waits for MPI_Init_thread, returns the slot.
napi_value Init(napi_env env, napi_callback_info) {
  if (engine.started) return throwError(env, "MPI is already initialised in this process");
  engine.started = true;
  promoteLibmpiToGlobal();
  napi_value name;
  napi_create_string_utf8(env, "nnunet-mpi", NAPI_AUTO_LENGTH, &name);
  if (napi_create_threadsafe_function(env, nullptr, nullptr, name, 0, 1, nullptr, nullptr, nullptr, finish,
                                      &engine.done) != napi_ok) {
    return throwError(env, "could not create the MPI completion queue");
  }
  napi_unref_threadsafe_function(env, engine.done);
  engine.thread = std::thread(mpiThread);
  {
    std::unique_lock<std::mutex> lock(engine.initMutex);
    engine.initDone.wait(lock, [] { return engine.initReady; });
  }
  const Slot& s = engine.slot;
  if (!s.error.empty()) {
    engine.thread.join();
    return throwError(env, s.error);
  }
  napi_value result;
  napi_create_object(env, &result);
  setInt(env, result, "rank", s.rank);
  setInt(env, result, "size", s.size);
  setInt(env, result, "localRank", s.localRank);
  setInt(env, result, "localSize", s.localSize);
  setInt(env, result, "crossRank", s.crossRank);
  setInt(env, result, "crossSize", s.crossSize);
  setInt(env, result, "threadLevel", s.threadLevel);
  setInt(env, result, "threadMultiple", MPI_THREAD_MULTIPLE);
  return result;
}

bool typedArray(napi_env env, napi_value value, napi_typedarray_type want, void** data, size_t* length,
                const char* what) {
  bool isTyped = false;
  napi_typedarray_type type;
  if (napi_is_typedarray(env, value, &isTyped) != napi_ok || !isTyped ||
      napi_get_typedarray_info(env, value, &type, length, data, nullptr, nullptr) != napi_ok || type != want) {
    throwError(env, std::string(what) + (want == napi_float32_array ? " must be a Float32Array" : " must be an Int32Array"));
    return false;
  }
  return true;
}

// submit(kind, arg, in, out, counts, callback): queues one collective; `out` and `counts` may be null.
napi_value Submit(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value args[6];
  napi_get_cb_info(env, info, &argc, args, nullptr, nullptr);
  if (argc < 6) return throwError(env, "submit: expected 6 arguments");
  if (!engine.started || !engine.slot.error.empty() || engine.stopping) {
    return throwError(env, "submit: MPI is not running in this process");
  }
  int32_t kind = 0, arg = 0;
  napi_get_value_int32(env, args[0], &kind);
  napi_get_value_int32(env, args[1], &arg);
  Job* job = new Job();
  job->kind = Kind(kind);
  job->arg = arg;
  const bool ints = kind == kAllgatherInt;
  const napi_typedarray_type element = ints ? napi_int32_array : napi_float32_array;
  bool ok = true;
  if (kind != kBarrier) ok = typedArray(env, args[2], element, &job->in, &job->inLength, "submit: in");
  if (ok && (kind == kAllgatherInt || kind == kAllgatherv)) {
    ok = typedArray(env, args[3], element, &job->out, &job->outLength, "submit: out");
    size_t countLength = 0;
    void* counts = nullptr;
    if (ok && kind == kAllgatherv) {
      ok = typedArray(env, args[4], napi_int32_array, &counts, &countLength, "submit: counts");
      job->counts = static_cast<int32_t*>(counts);
      size_t total = 0;
      if (ok) {
        for (size_t r = 0; r < countLength; r++) total += size_t(job->counts[r]);
        if (countLength != size_t(engine.slot.size) || total != job->outLength ||
            size_t(job->counts[engine.slot.rank]) != job->inLength) {
          throwError(env, "submit: allgatherv counts do not match the buffers");
          ok = false;
        }
      }
    }
    if (ok && kind == kAllgatherInt && job->outLength != job->inLength * size_t(engine.slot.size)) {
      throwError(env, "submit: allgather output must hold size × input");
      ok = false;
    }
  }
  if (ok && kind > kBarrier) {
    throwError(env, "submit: unknown collective " + std::to_string(kind));
    ok = false;
  }
  if (ok && kind == kBroadcast && (arg < 0 || arg >= engine.slot.size)) {
    throwError(env, "submit: broadcast root outside the job");
    ok = false;
  }
  if (!ok) {
    delete job;
    return nullptr;
  }
  for (int i = 2; i <= 4; i++) {
    napi_valuetype type;
    napi_typeof(env, args[i], &type);
    if (type == napi_object) {
      napi_ref ref;
      napi_create_reference(env, args[i], 1, &ref);
      job->keepAlive.push_back(ref);
    }
  }
  napi_create_reference(env, args[5], 1, &job->callback);
  if (engine.inFlight++ == 0) napi_ref_threadsafe_function(env, engine.done);
  {
    std::lock_guard<std::mutex> lock(engine.mutex);
    engine.queue.push_back(job);
  }
  engine.wake.notify_one();
  return nullptr;
}

// abort(code, message): the message on stderr, then MPI_Abort, which ends every rank of the job.
napi_value Abort(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2];
  napi_get_cb_info(env, info, &argc, args, nullptr, nullptr);
  int32_t code = 1;
  if (argc > 0) napi_get_value_int32(env, args[0], &code);
  if (argc > 1) {
    size_t length = 0;
    napi_get_value_string_utf8(env, args[1], nullptr, 0, &length);
    std::string message(length, '\0');
    napi_get_value_string_utf8(env, args[1], &message[0], length + 1, &length);
    std::fprintf(stderr, "%s\n", message.c_str());
    std::fflush(stderr);
  }
  if (engine.started && engine.slot.error.empty()) MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

// libraryVersion(): the MPI library's own description; callable before MPI_Init (MPI-3).
napi_value LibraryVersion(napi_env env, napi_callback_info) {
  char library[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(library, &length);
  std::string text(library, length);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  napi_value result;
  napi_create_string_utf8(env, text.c_str(), text.size(), &result);
  return result;
}

// finalize(): runs what is queued, then MPI_Finalize on the MPI thread; waits for it.
napi_value Finalize(napi_env env, napi_callback_info) {
  if (!engine.started || engine.finalized || !engine.slot.error.empty()) return nullptr;
  engine.finalized = true;
  {
    std::lock_guard<std::mutex> lock(engine.mutex);
    engine.stopping = true;
  }
  engine.wake.notify_one();
  engine.thread.join();
  napi_release_threadsafe_function(engine.done, napi_tsfn_release);
  return nullptr;
}

napi_value ModuleInit(napi_env env, napi_value exports) {
  const napi_property_descriptor properties[] = {
      {"init", nullptr, Init, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"submit", nullptr, Submit, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"abort", nullptr, Abort, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"libraryVersion", nullptr, LibraryVersion, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"finalize", nullptr, Finalize, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(properties) / sizeof(properties[0]), properties);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, ModuleInit)

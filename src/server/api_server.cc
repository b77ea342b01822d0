// ApiServer: cpp-httplib (Debian libcpp-httplib-dev, a compiled library)
// around ApiHandler. Every method and path is routed to ApiHandler::Handle;
// httplib's own errors (413 over the body limit, 400 for an unparsable
// request) get JSON bodies from the error handler.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <thread>

#include "server/api_server.h"

namespace sitrep::server {

namespace {

// When the current request started (httplib handles a request on one worker
// thread from routing to logging).
thread_local std::chrono::steady_clock::time_point request_start;
thread_local bool request_started = false;

const char* ReasonText(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 408:
      return "request timeout";
    case 413:
      return "request body over the size limit";
    case 414:
      return "request URI too long";
    case 416:
      return "range not satisfiable";
    default:
      return status >= 500 ? "internal error" : "request refused";
  }
}

void Fill(const Response& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers) to.set_header(name, value);
  to.set_content(from.body, from.content_type);
}

}  // namespace

class ApiServer::Impl {
 public:
  httplib::Server http;
  std::atomic<bool> bound{false};
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> run_active{false};
};

StatusOr<std::unique_ptr<ApiServer>> ApiServer::Create(const std::string& db,
                                                       const ApiOptions& options) {
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<ApiHandler> handler, ApiHandler::Create(db, options));
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(handler)));
}

ApiServer::ApiServer(std::unique_ptr<ApiHandler> handler)
    : handler_(std::move(handler)), impl_(std::make_unique<Impl>()) {
  httplib::Server& http = impl_->http;
  const ApiOptions& options = handler_->options();
  const size_t threads = static_cast<size_t>(options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body);
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which would
  // let a second server bind the same port silently.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof(yes));
  });
  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = std::chrono::steady_clock::now();
    request_started = true;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const ApiHandler* h = handler_.get();
  auto route = [h](const httplib::Request& req, httplib::Response& res) {
    Request r;
    r.method = req.method;
    r.path = req.path;
    // The query as browsers write it ('+' is a space), from the raw target.
    const size_t q = req.target.find('?');
    if (q != std::string::npos) {
      r.params = ParseQueryString(std::string_view(req.target).substr(q + 1));
    }
    r.body = req.body;
    Fill(h->Handle(r), res);
  };
  const std::string all = ".*";
  http.Get(all, route);
  http.Post(all, route);
  http.Put(all, route);
  http.Patch(all, route);
  http.Delete(all, route);
  http.Options(all, route);
  // httplib's own errors (and anything without a body) as JSON.
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Fill(ErrorResponse(res.status, ReasonText(res.status)), res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr& ep) {
        std::string what = "internal error";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what += std::string(": ") + e.what();
        } catch (...) {
        }
        res.headers.clear();
        Fill(ErrorResponse(500, what), res);
      });
  if (options.log) {
    auto log = options.log;
    http.set_logger([log](const httplib::Request& req, const httplib::Response& res) {
      char ms[32] = "-";
      if (request_started) {
        const double elapsed = std::chrono::duration<double, std::milli>(
                                   std::chrono::steady_clock::now() - request_start)
                                   .count();
        std::snprintf(ms, sizeof ms, "%.1f", elapsed);
      }
      request_started = false;
      std::string path = req.target.empty() ? req.path : req.target;
      // No control bytes from a client reach the terminal.
      for (char& ch : path) {
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
      }
      if (path.size() > 300) path = path.substr(0, 300) + "...";
      try {
        log(req.method + " " + path + " " + std::to_string(res.status) + " " + ms + " ms");
      } catch (...) {
      }
    });
  }
}

ApiServer::~ApiServer() { Stop(); }

StatusOr<int> ApiServer::Bind(const std::string& host, int port) {
  if (port < 0 || port > 65535) return InvalidArgumentError("port out of range");
  int bound = port;
  if (port == 0) {
    bound = impl_->http.bind_to_any_port(host);
    if (bound <= 0) return IoError("cannot bind " + host + " to a free port");
  } else if (!impl_->http.bind_to_port(host, port)) {
    return IoError("cannot bind " + host + ":" + std::to_string(port) +
                   " (in use, or not an address of this machine)");
  }
  impl_->bound = true;
  return bound;
}

Status ApiServer::Run() {
  if (!impl_->bound) return FailedPreconditionError("Run before Bind");
  impl_->run_active = true;
  if (impl_->stop_requested) {
    impl_->run_active = false;
    return OkStatus();
  }
  bool ok = false;
  try {
    ok = impl_->http.listen_after_bind();
  } catch (const std::exception& e) {
    impl_->run_active = false;
    return InternalError(std::string("http server: ") + e.what());
  }
  impl_->run_active = false;
  if (!ok && !impl_->stop_requested) return IoError("http server: the listener failed");
  return OkStatus();
}

void ApiServer::Stop() {
  impl_->stop_requested = true;
  // Run may be between its check of stop_requested and the listener's start:
  // wait until it listens (or has returned) so that stop() reaches it.
  while (impl_->run_active && !impl_->http.is_running()) std::this_thread::yield();
  impl_->http.stop();
}

}  // namespace sitrep::server

package wslab.faults.embedded;

/** An API failure answered as {@code {"error": ..., "status": N}}, with Toxiproxy's messages and codes. */
final class ApiError extends RuntimeException {

    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badBody(String detail) {
        return new ApiError(400, "bad request body: " + detail);
    }

    static ApiError missingField(String field) {
        return new ApiError(400, "missing required field: " + field);
    }

    static ApiError proxyNotFound() {
        return new ApiError(404, "proxy not found");
    }

    static ApiError proxyExists() {
        return new ApiError(409, "proxy already exists");
    }

    static ApiError toxicNotFound() {
        return new ApiError(404, "toxic not found");
    }

    static ApiError toxicExists() {
        return new ApiError(409, "toxic already exists");
    }

    static ApiError invalidToxicType() {
        return new ApiError(400, "invalid toxic type");
    }

    static ApiError invalidStream() {
        return new ApiError(400, "stream was invalid, can be either upstream or downstream");
    }
}

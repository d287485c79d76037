package org.regshift.model.lean;

import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.regshift.io.Json;

/** ND4J's native runtime: its thread count, and what it is (for provenance). */
public final class NdRuntime {
    private NdRuntime() {
    }

    /** Sets the threads of libnd4j's own loops, of OpenMP (oneDNN) and of BLAS. */
    public static void threads(int threads) {
        Nd4j.factory().blas().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    public static Map<String, Object> describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return Json.object("backend", Nd4j.getBackend().getClass().getSimpleName(),
                "blas", String.valueOf(env.get("blas.vendor")),
                "omp_threads", String.valueOf(env.get("omp.threads")),
                "native_build", System.getProperty("org.bytedeco.javacpp.platform.extension", "linux-x86_64-onednn"));
    }
}

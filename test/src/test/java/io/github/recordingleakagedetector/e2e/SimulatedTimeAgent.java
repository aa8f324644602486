package io.github.recordingleakagedetector.e2e;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.function.LongSupplier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A Java agent for the function JVMs of the end-to-end tests: the JVM's wall clock ({@code Instant.now()},
 * {@code Clock.systemUTC()} and its millis) reads the simulation's {@link SharedClock} instead of the machine's,
 * as libfaketime would for a native process. The function's code is untouched: it asks {@code Clock.systemUTC()}
 * for the time as in Lambda. {@code System.currentTimeMillis()} stays real, so Lambda's deadline arithmetic in the
 * runtime client is unaffected.
 *
 * <p>The rewritten JDK methods first look up the clock under a system property; until it is set (the JVM's own
 * start-up) they run their original code. The lookup uses JDK types only ({@link LongSupplier}), so java.base needs
 * no access to this agent's classes.
 */
public final class SimulatedTimeAgent {
    static final String CLOCK_PROPERTY = "io.github.recordingleakagedetector.e2e.simulatedClock";

    private SimulatedTimeAgent() {
    }

    /** {@code -javaagent:<jar>=<shared clock file>} */
    public static void premain(String clockFile, Instrumentation instrumentation) throws Exception {
        SharedClock clock = SharedClock.map(Path.of(clockFile));
        System.getProperties().put(CLOCK_PROPERTY, (LongSupplier) clock::nextMillis);
        instrumentation.addTransformer(new WallClockTransformer(), true);
        instrumentation.retransformClasses(java.time.Clock.class, Class.forName("java.time.Clock$SystemClock"));
    }

    /** Prepends "if the simulated clock is set, return its reading" to the JDK's wall-clock methods. */
    private static final class WallClockTransformer implements ClassFileTransformer {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                ProtectionDomain domain, byte[] bytes) {
            boolean clock = "java/time/Clock".equals(className);
            boolean systemClock = "java/time/Clock$SystemClock".equals(className);
            if (!clock && !systemClock) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor original = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (clock && name.equals("currentInstant") && descriptor.equals("()Ljava/time/Instant;")) {
                        return new SimulatedReading(original, null, true);
                    }
                    if (systemClock && name.equals("millis") && descriptor.equals("()J")) {
                        return new SimulatedReading(original, className, false);
                    }
                    return original;
                }
            }, ClassReader.EXPAND_FRAMES);
            return writer.toByteArray();
        }
    }

    private static final class SimulatedReading extends MethodVisitor {
        private final String owner;
        private final boolean instant;

        /** {@code owner}: the class of {@code this} for an instance method, null for a static one. */
        SimulatedReading(MethodVisitor target, String owner, boolean instant) {
            super(Opcodes.ASM9, target);
            this.owner = owner;
            this.instant = instant;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label original = new Label();
            loadClock();
            mv.visitJumpInsn(Opcodes.IFNULL, original);
            loadClock();
            mv.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/LongSupplier");
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/LongSupplier", "getAsLong", "()J", true);
            if (instant) {
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/time/Instant", "ofEpochMilli",
                        "(J)Ljava/time/Instant;", false);
                mv.visitInsn(Opcodes.ARETURN);
            } else {
                mv.visitInsn(Opcodes.LRETURN);
            }
            mv.visitLabel(original);
            Object[] locals = owner == null ? new Object[0] : new Object[] {owner};
            mv.visitFrame(Opcodes.F_NEW, locals.length, locals, 0, new Object[0]);
        }

        private void loadClock() {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperties", "()Ljava/util/Properties;",
                    false);
            mv.visitLdcInsn(CLOCK_PROPERTY);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Properties", "get",
                    "(Ljava/lang/Object;)Ljava/lang/Object;", false);
        }
    }
}

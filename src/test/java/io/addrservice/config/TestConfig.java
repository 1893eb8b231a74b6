package io.addrservice.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.net.CidrAddress;
import io.smallrye.common.net.Inet;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings for unit tests that construct beans without booting Quarkus. */
public record TestConfig(boolean debug, long bodyLimit, int defaultPageSize, int maxPageSize)
    implements AddrServiceConfig {

  /** The defaults of application.yaml, on the memory engine. */
  public static TestConfig defaults() {
    return new TestConfig(false, 64 * 1024, 100, 1000);
  }

  @Override
  public String name() {
    return "Address Book";
  }

  @Override
  public MemorySize maxBodySize() {
    return new MemorySize(BigInteger.valueOf(bodyLimit));
  }

  @Override
  public Duration headerTimeout() {
    return Duration.ofSeconds(10);
  }

  @Override
  public Page page() {
    return new Page() {
      @Override
      public int defaultSize() {
        return defaultPageSize;
      }

      @Override
      public int maxSize() {
        return maxPageSize;
      }
    };
  }

  @Override
  public Auth auth() {
    return new Auth() {
      @Override
      public AuthMode mode() {
        return AuthMode.NONE;
      }

      @Override
      public String ownerClaim() {
        return "sub";
      }

      @Override
      public boolean allowAnonymousRemote() {
        return false;
      }

      @Override
      public List<CidrAddress> trustedPeers() {
        return List.of(Inet.parseCidrAddress("127.0.0.0/8"), Inet.parseCidrAddress("::1/128"));
      }
    };
  }

  @Override
  public Import imports() {
    return () -> new MemorySize(BigInteger.valueOf(256L * 1024 * 1024));
  }

  @Override
  public Changes changes() {
    return new Changes() {
      @Override
      public Duration retention() {
        return Duration.ofDays(30);
      }

      @Override
      public Duration heartbeat() {
        return Duration.ofSeconds(15);
      }

      @Override
      public Duration pollInterval() {
        return Duration.ofSeconds(1);
      }

      @Override
      public int streamBuffer() {
        return 1000;
      }

      @Override
      public Duration stallTimeout() {
        return Duration.ofSeconds(30);
      }
    };
  }

  @Override
  public Store store() {
    return new Store() {
      @Override
      public StoreKind kind() {
        return StoreKind.MEMORY;
      }

      @Override
      public FileSettings file() {
        return new FileSettings() {
          @Override
          public Path dir() {
            return Path.of("addrservice-db");
          }

          @Override
          public boolean repair() {
            return false;
          }
        };
      }
    };
  }
}
